package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.compile.StatefulSpec;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import io.trailhawk.rules.output.StatefulOutput;
import java.util.List;
import java.util.Map;

/** What one kind of stateful rule does with a match, and when a timer it asked for fires. */
interface StateKind {
    /** {@code state} is the group's of {@code match}. */
    List<Alert> onMatch(Match match, GroupKey key, CompiledRule rule, KeyedState state, RuleBirths births);

    /** A timer this kind registered on the key has fired at {@code timeNanos}. */
    List<Alert> onTimer(long timeNanos, CompiledRule rule, KeyedState state);

    /**
     * Cleanup timers round up to a whole minute. A kind times a group's cleanup when it creates the state, and again
     * each time that timer fires and finds the state still in use, for when it will pass; never on a match. A busy
     * group has one timer, not one per match, and its state still goes the minute its window passes.
     */
    long CLEANUP_GRANULE_NANOS = 60_000_000_000L;

    /** When to clean up state that expires at {@code nanos}: then, rounded up to {@link #CLEANUP_GRANULE_NANOS}. */
    static long cleanupAt(long nanos) {
        long r = Math.floorMod(nanos, CLEANUP_GRANULE_NANOS);
        return r == 0 ? nanos : nanos - r + CLEANUP_GRANULE_NANOS;
    }

    /** Keeps the newest {@link StatefulContext#MAX_EVENT_IDS} of a list of event IDs, oldest first. */
    static void trimIds(List<String> ids) {
        while (ids.size() > StatefulContext.MAX_EVENT_IDS) {
            ids.remove(0);
        }
    }

    /**
     * The event IDs an alert lists, each with its match's time: those from before {@code from} leave with their
     * matches, and the newest {@link StatefulContext#MAX_EVENT_IDS} stay.
     */
    static void keepIds(Map<String, Long> ids, List<String> added, long t, long from) {
        ids.values().removeIf(x -> x < from);
        added.forEach(id -> ids.put(id, t));
        java.util.Iterator<String> oldest = ids.keySet().iterator();
        while (ids.size() > StatefulContext.MAX_EVENT_IDS) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether a window of {@code windowNanos} after {@code newest} is over at {@code nowNanos}. */
    static boolean passed(long newest, long windowNanos, long nowNanos) {
        return newest == Long.MIN_VALUE || newest + windowNanos <= nowNanos;
    }

    static StatefulSpec spec(CompiledRule rule) {
        return rule.stateful().orElseThrow();
    }

    /** The alert {@code match} gives, with its stateful context. */
    static Alert alert(Match match, CompiledRule rule, StatefulContext context) {
        Alert a = match.alert(rule);
        return a.withStateful(context, StatefulOutput.fill(a.output(), context), a.timeNanos());
    }
}
