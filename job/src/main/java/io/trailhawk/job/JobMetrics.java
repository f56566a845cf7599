package io.trailhawk.job;

import io.trailhawk.formats.RuleId;
import io.trailhawk.job.config.JobConfig;
import java.io.Serializable;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;

/**
 * Where the job's own metrics live and what shape they take: {@code trailhawk.<name>} on plain Flink; on Managed
 * Flink under its {@code kinesisanalytics} group, the one it exports to CloudWatch, with the dimension
 * {@code Program=Trailhawk}. CloudWatch takes counters
 * and gauges but not histograms, and bills each metric name, so there a histogram is exported as two gauges and
 * per-rule metrics are off unless asked for.
 */
public final class JobMetrics implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The key of the per-rule group; its value is the rule's {@link #ruleId id}. */
    public static final String RULE_GROUP = "rule";

    private final boolean managedFlink;
    private final boolean perRule;

    private JobMetrics(boolean managedFlink, boolean perRule) {
        this.managedFlink = managedFlink;
        this.perRule = perRule;
    }

    public static JobMetrics of(JobConfig config) {
        return new JobMetrics(config.onManagedFlink(), config.perRuleMetrics());
    }

    public MetricGroup group(RuntimeContext context) {
        MetricGroup root = context.getMetricGroup();
        // Managed Flink turns key-value groups under its own into CloudWatch dimensions, as in AWS's examples.
        return managedFlink ? root.addGroup("kinesisanalytics").addGroup("Program", "Trailhawk")
                : root.addGroup("trailhawk");
    }

    public boolean perRule() {
        return perRule;
    }

    /**
     * Registers a histogram where the metrics system takes histograms, and on every system its median and 99th
     * percentile over the histogram's window as gauges {@code NAMEP50} and {@code NAMEP99}.
     */
    public void histogram(MetricGroup group, String name, Histogram h) {
        if (!managedFlink) {
            group.histogram(name, h);
        }
        group.gauge(name + "P50", () -> (long) h.getStatistics().getQuantile(0.50));
        group.gauge(name + "P99", () -> (long) h.getStatistics().getQuantile(0.99));
    }

    /** A rule's metric id: its {@link RuleId}, the same id the alert formats give it. */
    public static String ruleId(String ruleName) {
        return RuleId.of(ruleName);
    }
}
