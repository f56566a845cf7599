package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful rule's match as its state reads it: the rule's fingerprint, the event time, the event ID, the group's
 * values and the field's value. The alert the match would be is made only when the state alerts or keeps it,
 * because most matches of a stateful rule only count. Immutable.
 */
public abstract class Match {
    Match() {
    }

    /** A match straight from the evaluator, as the command line has it, of the rule of {@code fingerprint}. */
    public static Match of(Alert alert, long fingerprint) {
        return new Evaluated(alert, fingerprint);
    }

    public abstract long timeNanos();

    /** The fingerprint of the rule that matched ({@link io.trailhawk.rules.compile.StatefulSpec#fingerprint()}). */
    public abstract long fingerprint();

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

    /** The match as {@link MatchBytes}, as a sequence's step is held. */
    abstract byte[] encoded();

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
        private final long fingerprint;

        Evaluated(Alert alert, long fingerprint) {
            this.alert = alert;
            this.context = alert.stateful().orElseThrow(() -> new IllegalArgumentException("not a stateful match"));
            this.fingerprint = fingerprint;
        }

        @Override
        public long timeNanos() {
            return alert.timeNanos();
        }

        @Override
        public long fingerprint() {
            return fingerprint;
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

        @Override
        byte[] encoded() {
            return MatchBytes.encode(alert, fingerprint);
        }
    }
}
