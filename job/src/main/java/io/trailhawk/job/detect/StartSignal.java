package io.trailhawk.job.detect;

import java.util.concurrent.CountDownLatch;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

/**
 * Sends one {@link RuleFileUpdate#started} down the control stream each time the job starts or restarts, so that
 * the rules operator reports the ruleset it starts with, bootstrap or restored, even before any event or control
 * record arrives. It then stays idle until cancelled: a source that finished would send the end of event time
 * (see {@link ControlWatermarks}).
 */
public final class StartSignal implements SourceFunction<RuleFileUpdate> {
    private static final long serialVersionUID = 1L;
    private transient volatile CountDownLatch cancelled;

    @Override
    public void run(SourceContext<RuleFileUpdate> ctx) throws Exception {
        cancelled = new CountDownLatch(1);
        synchronized (ctx.getCheckpointLock()) {
            ctx.collect(RuleFileUpdate.started());
        }
        ctx.markAsTemporarilyIdle();
        cancelled.await();
    }

    @Override
    public void cancel() {
        CountDownLatch c = cancelled;
        if (c != null) {
            c.countDown();
        }
    }
}
