package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import io.trailhawk.rules.output.StatefulOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code suppress}: a group's first match alerts at once and opens a window of {@code for}, in event time from that
 * match. Later matches of the group within it do not alert; when it closes, one summary alert gives how many there
 * were, their first and last event times and their last event IDs, and only if there were any. The summary is the
 * first suppressed match: kept as bytes once, it is not decoded or encoded again by the matches after it.
 */
final class Suppression implements StateKind {
    private static final int FORMAT = 1;

    /** The group's open window. */
    private static final class Window {
        long start;
        long end;
        long suppressed;
        long first;
        long last;
        List<String> ids = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        List<String> groupValues = new ArrayList<>();
        /** The first suppressed match, which the summary speaks for, as bytes; null while there is none. */
        byte[] summary;

        byte[] toBytes() {
            StateBytes.Writer w = new StateBytes.Writer(FORMAT).putLong(start).putLong(end).putLong(suppressed)
                    .putLong(first).putLong(last).putStrings(ids).putStrings(groupNames).putStrings(groupValues)
                    .putBytes(summary);
            return w.toBytes();
        }

        static Window of(byte[] bytes, CompiledRule rule) {
            StateBytes.Reader r = new StateBytes.Reader(bytes, FORMAT);
            Window w = new Window();
            w.start = r.getLong();
            w.end = r.getLong();
            w.suppressed = r.getLong();
            w.first = r.getLong();
            w.last = r.getLong();
            w.ids = r.getStrings();
            w.groupNames = r.getStrings();
            w.groupValues = r.getStrings();
            w.summary = r.getBytes();
            return w;
        }

        Map<String, String> group() {
            Map<String, String> g = new LinkedHashMap<>();
            for (int i = 0; i < groupNames.size(); i++) {
                g.put(groupNames.get(i), groupValues.get(i));
            }
            return g;
        }
    }

    @Override
    public List<Alert> onMatch(Match match, GroupKey key, CompiledRule rule, KeyedState state, RuleBirths births) {
        long t = match.timeNanos();
        byte[] bytes = state.get();
        Window w = bytes == null ? null : Window.of(bytes, rule);
        List<Alert> out = new ArrayList<>();
        if (w != null && t < w.end) {
            w.suppressed++;
            if (w.suppressed == 1) {
                w.first = t;
                w.last = t;
                w.summary = new StateBytes.Writer(FORMAT).putRaw(match.alertBytes()).toBytes();
            } else {
                w.first = Math.min(w.first, t);
                w.last = Math.max(w.last, t);
            }
            w.ids.addAll(match.eventIds());
            StateKind.trimIds(w.ids);
            state.put(w.toBytes());
            return out;
        }
        if (w != null) {
            // Out of order within the bound: this match is past a window whose timer has not fired yet.
            summary(w, rule).ifPresent(out::add);
        }
        Window open = new Window();
        open.start = t;
        open.end = t + StateKind.spec(rule).windowNanos();
        Map<String, String> group = match.group(rule);
        open.groupNames = new ArrayList<>(group.keySet());
        open.groupValues = new ArrayList<>(group.values());
        state.put(open.toBytes());
        state.registerTimer(open.end);
        out.add(StateKind.alert(match, rule, new StatefulContext("suppress", group, 1, open.start, open.end,
                List.of(), match.eventIds())));
        return out;
    }

    @Override
    public List<Alert> onTimer(long timeNanos, CompiledRule rule, KeyedState state) {
        byte[] bytes = state.get();
        if (bytes == null) {
            return List.of();
        }
        Window w = Window.of(bytes, rule);
        if (timeNanos < w.end) {
            // A timer of an earlier window of this group.
            return List.of();
        }
        state.clear();
        return summary(w, rule).map(List::of).orElse(List.of());
    }

    private static java.util.Optional<Alert> summary(Window w, CompiledRule rule) {
        if (w.suppressed == 0) {
            return java.util.Optional.empty();
        }
        StatefulContext c = new StatefulContext("suppressed", w.group(), w.suppressed, w.first, w.last, List.of(),
                w.ids);
        Alert first = AlertBytes.read(new StateBytes.Reader(w.summary, FORMAT), rule);
        String output = StatefulOutput.fill(first.output(), c) + " (" + w.suppressed + " " + (w.suppressed == 1 ? "match" : "matches")
                + " of this group suppressed)";
        return java.util.Optional.of(first.withStateful(c, output, w.end));
    }
}
