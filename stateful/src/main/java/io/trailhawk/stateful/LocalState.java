package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine's state in one process, for the command line and tests: a map of keys to state, event-time timers,
 * and rule births. The caller gives it alerts in event-time order (up to its out-of-orderness bound) and moves
 * the watermark; timers fire as the watermark passes them, earliest first. Not thread-safe.
 */
public final class LocalState implements RuleBirths {
    private final Map<GroupKey, byte[]> states = new HashMap<>();
    private final TreeMap<Long, TreeSet<GroupKey>> timers = new TreeMap<>();
    private final Map<Long, Long> births = new HashMap<>();
    private StatefulEngine engine;
    private long watermark = Long.MIN_VALUE;

    public LocalState(StatefulEngine engine) {
        this.engine = engine;
    }

    /**
     * A new ruleset: state of rules it no longer has, or has changed, goes, after giving what it still owes (a
     * suppression window's summary).
     */
    public List<Alert> reload(StatefulEngine next) {
        List<Alert> owed = new ArrayList<>();
        for (GroupKey key : new ArrayList<>(states.keySet())) {
            engine.retain(next, key, stateOf(key), owed);
        }
        this.engine = next;
        return owed;
    }

    /** What one alert of the evaluator gives: itself when its rule has no state, else what the state says. */
    public List<Alert> accept(Alert alert) {
        Optional<CompiledRule> rule = engine.rules().ruleOf(alert);
        if (rule.isEmpty()) {
            return alert.stateful().isPresent() ? List.of() : List.of(alert);
        }
        GroupKey key = engine.rules().keyOf(rule.get(), alert);
        Match match = Match.of(alert, rule.get().stateful().orElseThrow().fingerprint());
        // In event-time order already: nothing waits for the watermark.
        return engine.onMatches(key, List.of(match), stateOf(key), this, Long.MAX_VALUE);
    }

    /** Moves event time to {@code watermarkNanos}, firing every timer at or before it. */
    public List<Alert> advanceTo(long watermarkNanos) {
        List<Alert> out = new ArrayList<>();
        watermark = Math.max(watermark, watermarkNanos);
        while (!timers.isEmpty() && timers.firstKey() <= watermark) {
            Map.Entry<Long, TreeSet<GroupKey>> due = timers.pollFirstEntry();
            for (GroupKey key : due.getValue()) {
                out.addAll(engine.onTimer(key, due.getKey(), stateOf(key), this));
            }
        }
        return out;
    }

    /** Fires every timer left, as at the end of a replay. */
    public List<Alert> finish() {
        return advanceTo(Long.MAX_VALUE);
    }

    /** How many timers are pending, over all groups. */
    public int timers() {
        return timers.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** How many group keys hold state: one for all the rules of the same {@code by}. */
    public int groups() {
        return states.size();
    }

    /** The bytes of every group's state, as the job's keyed state holds them (without the key). */
    public long stateBytes() {
        long n = 0;
        for (byte[] b : states.values()) {
            n += b.length;
        }
        return n;
    }

    /** The bytes of every group's key. */
    public long keyBytes() {
        long n = 0;
        for (GroupKey k : states.keySet()) {
            n += k.size();
        }
        return n;
    }

    @Override
    public long birthNanos(long fingerprint, long eventTimeNanos) {
        return births.computeIfAbsent(fingerprint, k -> eventTimeNanos);
    }

    private KeyedState stateOf(GroupKey key) {
        return new KeyedState() {
            @Override
            public byte[] get() {
                return states.get(key);
            }

            @Override
            public void put(byte[] state) {
                states.put(key, state);
            }

            @Override
            public void clear() {
                states.remove(key);
            }

            @Override
            public void registerTimer(long timeNanos) {
                timers.computeIfAbsent(timeNanos, t -> new TreeSet<>()).add(key);
            }
        };
    }
}
