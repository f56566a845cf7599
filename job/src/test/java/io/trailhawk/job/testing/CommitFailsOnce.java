package io.trailhawk.job.testing;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.connector.kafka.sink.TwoPhaseCommittingStatefulSink;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A two-phase sink that fails its task the first time it is asked to commit something: after the checkpoint that
 * holds the committables has completed, and before any of them is committed. Recovery must then commit them from
 * the restored checkpoint, which for Kafka means resuming the pending transaction by its producer id and epoch.
 */
public final class CommitFailsOnce<IN, S, C> implements TwoPhaseCommittingStatefulSink<IN, S, C> {
    private static final long serialVersionUID = 1L;
    /** Failures injected in this JVM; the MiniCluster runs every task here. */
    public static final AtomicInteger FAILURES = new AtomicInteger();

    private final TwoPhaseCommittingStatefulSink<IN, S, C> delegate;

    private CommitFailsOnce(TwoPhaseCommittingStatefulSink<IN, S, C> delegate) {
        this.delegate = delegate;
    }

    public static <IN, S, C> CommitFailsOnce<IN, S, C> wrap(TwoPhaseCommittingStatefulSink<IN, S, C> sink) {
        return new CommitFailsOnce<>(sink);
    }

    @Override
    public PrecommittingStatefulSinkWriter<IN, S, C> createWriter(InitContext context) throws IOException {
        return delegate.createWriter(context);
    }

    @Override
    public PrecommittingStatefulSinkWriter<IN, S, C> restoreWriter(InitContext context, Collection<S> states)
            throws IOException {
        return delegate.restoreWriter(context, states);
    }

    @Override
    public SimpleVersionedSerializer<S> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public Committer<C> createCommitter() throws IOException {
        return failingOnce(delegate.createCommitter());
    }

    @Override
    public Committer<C> createCommitter(CommitterInitContext context) throws IOException {
        return failingOnce(delegate.createCommitter(context));
    }

    @Override
    public SimpleVersionedSerializer<C> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    private static <C> Committer<C> failingOnce(Committer<C> committer) {
        return new Committer<C>() {
            @Override
            public void commit(Collection<CommitRequest<C>> requests) throws IOException, InterruptedException {
                if (!requests.isEmpty() && FAILURES.compareAndSet(0, 1)) {
                    throw new IOException("injected failure: the checkpoint completed, nothing is committed yet");
                }
                committer.commit(requests);
            }

            @Override
            public void close() throws Exception {
                committer.close();
            }
        };
    }
}
