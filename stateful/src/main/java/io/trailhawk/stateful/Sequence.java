package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.compile.StatefulSpec;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sequence}: alerts when one group's events match the steps in order, in event time, all within
 * {@code within} of the first. As in EQL, a group holds at most one partial sequence per number of steps matched:
 * a repeated first step restarts that partial from the later event (which can only fit more within the window),
 * an event that advances a partial moves it on, and a partial whose window has passed is dropped. An event that
 * matches several steps advances the furthest partial first. The alert is the sequence rule's output on the last
 * step's event, with every step's event ID.
 */
final class Sequence implements StateKind {
    private static final int FORMAT = 4;

    /** One partial sequence: when its first step matched, when its last did, and their event IDs. */
    private static final class Partial {
        long start;
        long last;
        List<String> ids = new ArrayList<>();
    }

    /** By number of steps matched (index 0 unused). */
    private static Partial[] read(byte[] bytes, int steps) {
        Partial[] p = new Partial[steps];
        if (bytes == null) {
            return p;
        }
        StateBytes.Reader r = new StateBytes.Reader(bytes, FORMAT);
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            int stage = r.getInt();
            Partial x = new Partial();
            x.start = r.getLong();
            x.last = r.getLong();
            x.ids = r.getStrings();
            if (stage < steps) {
                p[stage] = x;
            }
        }
        return p;
    }

    /** Writes the partials; {@code arm}: and times their cleanup, when the state is new or its timer has fired. */
    private static void write(Partial[] p, KeyedState state, long windowNanos, boolean arm) {
        int n = 0;
        long earliest = Long.MAX_VALUE;
        for (Partial x : p) {
            if (x != null) {
                n++;
                earliest = Math.min(earliest, x.start);
            }
        }
        if (n == 0) {
            state.clear();
            return;
        }
        StateBytes.Writer w = new StateBytes.Writer(FORMAT).putInt(n);
        for (int stage = 0; stage < p.length; stage++) {
            if (p[stage] != null) {
                w.putInt(stage).putLong(p[stage].start).putLong(p[stage].last).putStrings(p[stage].ids);
            }
        }
        state.put(w.toBytes());
        if (arm) {
            state.registerTimer(StateKind.cleanupAt(earliest + windowNanos + 1));
        }
    }

    @Override
    public List<Alert> onMatch(Match match, GroupKey key, CompiledRule rule, KeyedState state, RuleBirths births) {
        StatefulSpec spec = StateKind.spec(rule);
        List<String> steps = spec.steps();
        String step = match.value();
        long t = match.timeNanos();
        byte[] bytes = state.get();
        Partial[] p = read(bytes, steps.size());
        for (int stage = 1; stage < p.length; stage++) {
            if (p[stage] != null && t - p[stage].start > spec.windowNanos()) {
                p[stage] = null;
            }
        }
        List<Alert> out = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (!steps.get(i).equals(step)) {
                continue;
            }
            if (i == 0) {
                if (p[1] != null && t < p[1].start) {
                    // Out of order: a later first step already started this partial, and it fits more.
                    continue;
                }
                Partial started = new Partial();
                started.start = t;
                started.last = t;
                started.ids.addAll(match.eventIds());
                p[1] = started;
                continue;
            }
            Partial at = p[i];
            if (at == null || t < at.last) {
                continue;
            }
            p[i] = null;
            at.last = t;
            at.ids.addAll(match.eventIds());
            StateKind.trimIds(at.ids);
            if (i + 1 == steps.size()) {
                out.add(StateKind.alert(match, rule, new StatefulContext("sequence", match.group(rule),
                        steps.size(), at.start, t, steps, at.ids)));
            } else {
                p[i + 1] = at;
            }
        }
        write(p, state, spec.windowNanos(), bytes == null);
        return out;
    }

    @Override
    public List<Alert> onTimer(long timeNanos, CompiledRule rule, KeyedState state) {
        StatefulSpec spec = StateKind.spec(rule);
        Partial[] p = read(state.get(), spec.steps().size());
        for (int stage = 1; stage < p.length; stage++) {
            if (p[stage] != null && timeNanos - p[stage].start > spec.windowNanos()) {
                p[stage] = null;
            }
        }
        write(p, state, spec.windowNanos(), true);
        return List.of();
    }
}
