package io.trailhawk.stateful;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.output.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A replay's stateful rules, in one process: the evaluator's alerts go in as each event is read, and what the
 * rules alert comes out. Matches of stateful rules are held until the watermark (the latest event time seen, less
 * the out-of-orderness bound, as in the job) passes them, and then given to the engine in event-time order, so
 * input up to that bound out of order gives what ordered input gives. A match behind the watermark is given to the
 * engine at once and counted as late; nothing is dropped. Alerts of rules without state come out at once.
 */
public final class StatefulStream {
    private final long outOfOrdernessNanos;
    private final LocalState state;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long maxSeen = Long.MIN_VALUE;
    private long sequence;
    private long late;

    /** A match waiting for the watermark; ties keep their arrival order. */
    private static final class Pending implements Comparable<Pending> {
        final Alert match;
        final long sequence;

        Pending(Alert match, long sequence) {
            this.match = match;
            this.sequence = sequence;
        }

        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(match.timeNanos(), o.match.timeNanos());
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    public StatefulStream(CompiledRuleset rules, long outOfOrdernessNanos) {
        this.outOfOrdernessNanos = outOfOrdernessNanos;
        this.state = new LocalState(new StatefulEngine(StatefulRules.of(rules)));
    }

    /** The alerts of one event, at its event time; gives what alerts now. */
    public List<Alert> accept(long eventTimeNanos, List<Alert> alerts) {
        List<Alert> out = new ArrayList<>();
        long watermark = watermark();
        for (Alert a : alerts) {
            if (a.stateful().isEmpty()) {
                out.add(a);
            } else if (a.timeNanos() < watermark) {
                late++;
                out.addAll(state.accept(a));
            } else {
                pending.add(new Pending(a, sequence++));
            }
        }
        maxSeen = Math.max(maxSeen, eventTimeNanos);
        out.addAll(drainTo(watermark()));
        return out;
    }

    /** The end of input: every held match is given to the engine, and every window closes. */
    public List<Alert> finish() {
        List<Alert> out = drainTo(Long.MAX_VALUE);
        out.addAll(state.finish());
        return out;
    }

    /** Matches that arrived behind the watermark. */
    public long lateMatches() {
        return late;
    }

    private long watermark() {
        return maxSeen == Long.MIN_VALUE ? Long.MIN_VALUE : maxSeen - outOfOrdernessNanos;
    }

    private List<Alert> drainTo(long watermark) {
        List<Alert> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.peek().match.timeNanos() <= watermark) {
            Alert a = pending.poll().match;
            out.addAll(state.advanceTo(a.timeNanos() - 1));
            out.addAll(state.accept(a));
        }
        if (watermark != Long.MAX_VALUE) {
            out.addAll(state.advanceTo(watermark));
        }
        return out;
    }
}
