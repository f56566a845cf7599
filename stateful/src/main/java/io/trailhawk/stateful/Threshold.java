package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.compile.StatefulSpec;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code threshold}: alerts when {@code count} matches of one group fall within {@code within} of each other, in
 * event time. The alert is the match that made the count, and says when the window started. Then the group starts
 * counting afresh: the next alert needs {@code count} new matches. A match older than the window its group's newest
 * match ends is not counted.
 */
final class Threshold implements StateKind {
    private static final int FORMAT = 2;

    @Override
    public List<Alert> onMatch(Match match, GroupKey key, CompiledRule rule, KeyedState state, RuleBirths births) {
        StatefulSpec spec = StateKind.spec(rule);
        byte[] bytes = state.get();
        long[] times = new long[0];
        Map<String, Long> ids = new LinkedHashMap<>();
        if (bytes != null) {
            StateBytes.Reader r = new StateBytes.Reader(bytes, FORMAT);
            times = r.getLongs();
            ids = r.getValueTimes();
        }
        long t = match.timeNanos();
        long newest = times.length == 0 ? t : Math.max(t, times[times.length - 1]);
        long from = newest - spec.windowNanos();
        if (t < from) {
            return List.of();
        }
        long[] kept = inWindow(times, from, t);
        StateKind.keepIds(ids, match.eventIds(), t, from);
        if (kept.length >= spec.count()) {
            state.clear();
            return List.of(StateKind.alert(match, rule, new StatefulContext("threshold", match.group(rule),
                    kept.length, kept[0], newest, List.of(), new ArrayList<>(ids.keySet()))));
        }
        state.put(new StateBytes.Writer(FORMAT).putLongs(kept, kept.length).putValueTimes(ids).toBytes());
        if (bytes == null) {
            state.registerTimer(StateKind.cleanupAt(newest + spec.windowNanos()));
        }
        return List.of();
    }

    /** The times at or after {@code from}, with {@code t} added, in order. */
    private static long[] inWindow(long[] times, long from, long t) {
        long[] out = new long[times.length + 1];
        int n = 0;
        for (long x : times) {
            if (x >= from) {
                out[n++] = x;
            }
        }
        out[n++] = t;
        long[] kept = Arrays.copyOf(out, n);
        Arrays.sort(kept);
        return kept;
    }

    @Override
    public List<Alert> onTimer(long timeNanos, CompiledRule rule, KeyedState state) {
        byte[] bytes = state.get();
        if (bytes == null) {
            return List.of();
        }
        StateBytes.Reader r = new StateBytes.Reader(bytes, FORMAT);
        long[] times = r.getLongs();
        long window = StateKind.spec(rule).windowNanos();
        if (times.length == 0 || StateKind.passed(times[times.length - 1], window, timeNanos)) {
            // Nothing left that a later match could count with.
            state.clear();
        } else {
            state.registerTimer(StateKind.cleanupAt(times[times.length - 1] + window));
        }
        return List.of();
    }
}
