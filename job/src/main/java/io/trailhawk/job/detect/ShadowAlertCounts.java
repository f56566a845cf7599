package io.trailhawk.job.detect;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * How noisy each rule in shadow would be live: per rule and event-time window (an hour unless configured), one
 * status record {@code {"status":"shadow","rule","window_start","window_end","alerts","time"}}. A window in which a
 * shadow rule raised nothing has no record.
 */
public final class ShadowAlertCounts {
    private ShadowAlertCounts() {
    }

    public static DataStream<String> of(DataStream<AlertRecord> shadowAlerts, Duration window) {
        return shadowAlerts.keyBy(ShadowAlerts::ruleOf, Types.STRING)
                .window(TumblingEventTimeWindows.of(window))
                .aggregate(new Count(), new Report(), Types.LONG, Types.LONG, Types.STRING)
                .name("shadow alert counts").uid("shadow-alert-counts");
    }

    static final class Count implements AggregateFunction<AlertRecord, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(AlertRecord value, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    static final class Report extends ProcessWindowFunction<Long, String, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String rule, Context context, Iterable<Long> counts, Collector<String> out) {
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("status", "shadow");
            s.put("rule", rule);
            s.put("window_start", Instant.ofEpochMilli(context.window().getStart()).toString());
            s.put("window_end", Instant.ofEpochMilli(context.window().getEnd()).toString());
            s.put("alerts", counts.iterator().next());
            s.put("time", Instant.now().toString());
            out.collect(s.toString());
        }
    }
}
