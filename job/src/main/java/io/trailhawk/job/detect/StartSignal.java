package io.trailhawk.job.detect;

import org.apache.flink.streaming.api.functions.source.SourceFunction;

/**
 * Sends one {@link RuleFileUpdate#started} down the control stream each time the job starts or restarts, so that
 * the rules operator reports the ruleset it starts with, bootstrap or restored, even before any event or control
 * record arrives. It then stays idle until cancelled: a source that finished would send the end of event time
 * (see {@link ControlWatermarks}).
 */
public final class StartSignal implements SourceFunction<RuleFileUpdate> {
    private static final long serialVersionUID = 1L;
    private volatile boolean cancelled;

    @Override
    public void run(SourceContext<RuleFileUpdate> ctx) throws Exception {
        synchronized (ctx.getCheckpointLock()) {
            ctx.collect(RuleFileUpdate.started());
        }
        ctx.markAsTemporarilyIdle();
        while (!cancelled) {
            Thread.sleep(200);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
