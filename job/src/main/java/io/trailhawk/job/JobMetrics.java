package io.trailhawk.job;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;

/**
 * Where the job's own metrics live: {@code trailhawk.<name>} on any Flink. On Managed Flink they sit under a
 * {@code kinesisanalytics} group, the group Managed Flink exports to CloudWatch.
 */
public final class JobMetrics {
    private JobMetrics() {
    }

    public static MetricGroup group(RuntimeContext context, boolean managedFlink) {
        MetricGroup root = context.getMetricGroup();
        return (managedFlink ? root.addGroup("kinesisanalytics") : root).addGroup("trailhawk");
    }
}
