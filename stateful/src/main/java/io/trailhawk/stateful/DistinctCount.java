package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.compile.StatefulSpec;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.OutputTemplate;
import io.trailhawk.rules.output.StatefulContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code distinct}: alerts when one group's matches show {@code count} different values of {@code field} within
 * {@code within}, in event time. Each value counts from its latest match; the alert lists the values, oldest first,
 * and the group starts afresh. A match whose field is absent counts no value. At most {@code count} values are kept.
 */
final class DistinctCount implements StateKind {
    private static final int FORMAT = 3;

    @Override
    public List<Alert> onMatch(Match match, GroupKey key, CompiledRule rule, KeyedState state, RuleBirths births) {
        StatefulSpec spec = StateKind.spec(rule);
        String value = match.value();
        if (value.equals(OutputTemplate.NOT_AVAILABLE)) {
            return List.of();
        }
        Map<String, Long> seen = new LinkedHashMap<>();
        Map<String, Long> ids = new LinkedHashMap<>();
        byte[] bytes = state.get();
        if (bytes != null) {
            StateBytes.Reader r = new StateBytes.Reader(bytes, FORMAT);
            seen = r.getValueTimes();
            ids = r.getValueTimes();
        }
        long t = match.timeNanos();
        long newest = Math.max(t, seen.values().stream().mapToLong(Long::longValue).max().orElse(t));
        long from = newest - spec.windowNanos();
        if (t < from) {
            return List.of();
        }
        seen.values().removeIf(x -> x < from);
        seen.merge(value, t, Math::max);
        StateKind.keepIds(ids, match.eventIds(), t, from);
        List<Map.Entry<String, Long>> byTime = new ArrayList<>(seen.entrySet());
        byTime.sort(Map.Entry.comparingByValue());
        if (seen.size() >= spec.count()) {
            state.clear();
            List<String> values = new ArrayList<>();
            byTime.forEach(e -> values.add(e.getKey()));
            return List.of(StateKind.alert(match, rule, new StatefulContext("distinct", match.group(rule),
                    seen.size(), byTime.get(0).getValue(), newest, values, new ArrayList<>(ids.keySet()))));
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        byTime.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        state.put(new StateBytes.Writer(FORMAT).putValueTimes(ordered).putValueTimes(ids).toBytes());
        if (bytes == null) {
            state.registerTimer(StateKind.cleanupAt(newest + spec.windowNanos()));
        }
        return List.of();
    }

    @Override
    public List<Alert> onTimer(long timeNanos, CompiledRule rule, KeyedState state) {
        byte[] bytes = state.get();
        if (bytes == null) {
            return List.of();
        }
        Map<String, Long> seen = new StateBytes.Reader(bytes, FORMAT).getValueTimes();
        long newest = seen.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
        long window = StateKind.spec(rule).windowNanos();
        if (StateKind.passed(newest, window, timeNanos)) {
            state.clear();
        } else {
            state.registerTimer(StateKind.cleanupAt(newest + window));
        }
        return List.of();
    }
}
