package io.trailhawk.job.detect;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The control stream has no event time of its own: it is always idle, so that joining it to the events neither holds
 * their watermark back (an operator's watermark is the minimum of its active inputs') nor pushes it on. Emitting the
 * end of time instead would, once the events fall idle, move every downstream operator to the end of time and fire
 * all of its timers: every stateful window would close at once.
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
                output.markIdle();
            }
        });
    }
}
