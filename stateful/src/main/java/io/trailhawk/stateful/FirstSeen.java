package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.compile.StatefulSpec;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.OutputTemplate;
import io.trailhawk.rules.output.StatefulContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code first_seen}: alerts when a group's match shows a value of {@code field} that the group has not shown
 * within {@code forget}. During the first {@code learn} of the rule's life (from its first match, in event time)
 * values are learned without alerts. A match whose field is absent is not a value. A group keeps at most
 * {@link #MAX_VALUES}, forgetting the longest unseen first.
 */
final class FirstSeen implements StateKind {
    private static final int FORMAT = 5;
    static final int MAX_VALUES = 1_000;

    @Override
    public List<Alert> onMatch(Match match, GroupKey key, CompiledRule rule, KeyedState state, RuleBirths births) {
        StatefulSpec spec = StateKind.spec(rule);
        String value = match.value();
        long t = match.timeNanos();
        long birth = births.birthNanos(spec.fingerprint(), t);
        if (value.equals(OutputTemplate.NOT_AVAILABLE)) {
            return List.of();
        }
        byte[] bytes = state.get();
        Map<String, Long> seen = read(bytes);
        Long known = seen.get(value);
        boolean isNew = known == null || t - known > spec.windowNanos();
        seen.merge(value, t, Math::max);
        while (seen.size() > MAX_VALUES) {
            String oldest = null;
            for (Map.Entry<String, Long> e : seen.entrySet()) {
                if (oldest == null || e.getValue() < seen.get(oldest)) {
                    oldest = e.getKey();
                }
            }
            seen.remove(oldest);
        }
        write(seen, state);
        if (bytes == null) {
            state.registerTimer(StateKind.cleanupAt(t + spec.windowNanos() + 1));
        }
        if (!isNew || t < birth + spec.learnNanos()) {
            return List.of();
        }
        return List.of(StateKind.alert(match, rule, new StatefulContext("first_seen", match.group(rule), 1,
                known == null ? t : known, t, List.of(value), match.eventIds())));
    }

    @Override
    public List<Alert> onTimer(long timeNanos, CompiledRule rule, KeyedState state) {
        Map<String, Long> seen = read(state.get());
        long forget = StateKind.spec(rule).windowNanos();
        seen.values().removeIf(x -> timeNanos - x > forget);
        write(seen, state);
        seen.values().stream().mapToLong(Long::longValue).min()
                .ifPresent(oldest -> state.registerTimer(StateKind.cleanupAt(oldest + forget + 1)));
        return List.of();
    }

    private static Map<String, Long> read(byte[] bytes) {
        return bytes == null ? new LinkedHashMap<>() : new StateBytes.Reader(bytes, FORMAT).getValueTimes();
    }

    private static void write(Map<String, Long> seen, KeyedState state) {
        if (seen.isEmpty()) {
            state.clear();
            return;
        }
        state.put(new StateBytes.Writer(FORMAT).putValueTimes(seen).toBytes());
    }
}
