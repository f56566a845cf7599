package io.trailhawk.bench;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter for a MiniCluster in the benchmark's own JVM: it keeps the counters whose names end as asked,
 * so that a benchmark reads them directly and often, instead of through the REST API's cache.
 */
public final class CountingReporter implements MetricReporter {
    private static final List<Counter> SOURCE_RECORDS = new CopyOnWriteArrayList<>();
    private static final List<Counter> EVALUATED = new CopyOnWriteArrayList<>();

    /** Records every source operator has emitted. */
    static long sourceRecords() {
        return sum(SOURCE_RECORDS);
    }

    /** Records the Trailhawk rules operator has evaluated. */
    static long evaluated() {
        return sum(EVALUATED);
    }

    static void reset() {
        SOURCE_RECORDS.clear();
        EVALUATED.clear();
    }

    private static long sum(List<Counter> counters) {
        long n = 0;
        for (Counter c : counters) {
            n += c.getCount();
        }
        return n;
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (!(metric instanceof Counter)) {
            return;
        }
        String operator = group.getAllVariables().getOrDefault("<operator_name>", "");
        if (name.equals("numRecordsOut") && operator.startsWith("Source")) {
            SOURCE_RECORDS.add((Counter) metric);
        } else if (name.equals("eventsEvaluated")) {
            EVALUATED.add((Counter) metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    }

    /** Named in the cluster's configuration: {@code metrics.reporter.NAME.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CountingReporter();
        }
    }
}
