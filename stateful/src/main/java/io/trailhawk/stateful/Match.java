package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful rule's match as its state reads it: the event time, the event ID, the group's values and the field's
 * value. The alert the match would be is made only when the state alerts or keeps it, because most matches of a
 * stateful rule only count. Immutable.
 */
public abstract class Match {
    Match() {
    }

    /** A match straight from the evaluator, as the command line has it. */
    public static Match of(Alert alert) {
        return new Evaluated(alert);
    }

    public abstract long timeNanos();

    /** The event's ID, in a list: empty for an event without one. */
    abstract List<String> eventIds();

    /** The group's values, in the order of the rule's {@code by}. */
    abstract List<String> groupValues();

    /** The {@code field} value of {@code distinct} and {@code first_seen}, or the step of a sequence. */
    abstract String value();

    /** The alert this match would be, under {@code rule} as the ruleset has it now. */
    abstract Alert alert(CompiledRule rule);

    /** {@link #alert} as {@link AlertBytes}, for state that keeps the match. */
    abstract byte[] alertBytes();

    /** Each {@code by} field of {@code rule} with this match's value. */
    final Map<String, String> group(CompiledRule rule) {
        List<String> names = StateKind.spec(rule).byNames();
        List<String> values = groupValues();
        Map<String, String> g = new LinkedHashMap<>();
        for (int i = 0; i < names.size() && i < values.size(); i++) {
            g.put(names.get(i), values.get(i));
        }
        return g;
    }

    private static final class Evaluated extends Match {
        private final Alert alert;
        private final StatefulContext context;

        Evaluated(Alert alert) {
            this.alert = alert;
            this.context = alert.stateful().orElseThrow(() -> new IllegalArgumentException("not a stateful match"));
        }

        @Override
        public long timeNanos() {
            return alert.timeNanos();
        }

        @Override
        List<String> eventIds() {
            return context.eventIds();
        }

        @Override
        List<String> groupValues() {
            return List.copyOf(context.group().values());
        }

        @Override
        String value() {
            return context.values().get(0);
        }

        @Override
        Alert alert(CompiledRule rule) {
            return alert;
        }

        @Override
        byte[] alertBytes() {
            return AlertBytes.encode(alert);
        }
    }
}
