package io.trailhawk.job.detect;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The control stream's event time is always at the end of time, so that joining it to the events never holds back
 * their watermarks (an operator's watermark is the minimum of its inputs').
 */
public final class ControlWatermarks {
    private ControlWatermarks() {
    }

    public static WatermarkStrategy<RuleFileUpdate> neverHoldBack() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<RuleFileUpdate>() {
            @Override
            public void onEvent(RuleFileUpdate event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }
}
