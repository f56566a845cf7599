package io.trailhawk.job;

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
    private static final int MAX_ID_LENGTH = 64;

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

    /**
     * A rule's metric id: the letters and digits of its name, each word capitalised ({@code "S3 Bucket ACL
     * Changed"} is {@code S3BucketACLChanged}), at most 64 characters. It depends on the name alone, so it stays
     * the same across ruleset versions; names that differ only in punctuation or case share an id.
     */
    public static String ruleId(String ruleName) {
        StringBuilder id = new StringBuilder();
        boolean wordStart = true;
        for (int i = 0; i < ruleName.length() && id.length() < MAX_ID_LENGTH; i++) {
            char c = ruleName.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                id.append(wordStart ? Character.toUpperCase(c) : c);
                wordStart = false;
            } else {
                wordStart = true;
            }
        }
        return id.length() == 0 ? "Unnamed" : id.toString();
    }
}
