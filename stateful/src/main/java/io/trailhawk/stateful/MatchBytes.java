package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.util.List;

/**
 * A stateful rule's match as bytes, for a host that carries matches from the evaluator to the keyed state across
 * a network, as the job does. The rule's name, priority and tags are not in it: its key names the rule. What the
 * state reads comes first; the alert follows, length-prefixed, so that a match that only counts is not decoded
 * further and a match the state keeps is kept as the bytes it came in.
 */
public final class MatchBytes {
    private static final int FORMAT = 17;

    private MatchBytes() {
    }

    public static byte[] encode(Alert match) {
        StatefulContext c = match.stateful().orElseThrow(() -> new IllegalArgumentException("not a stateful match"));
        return new StateBytes.Writer(FORMAT).putLong(match.timeNanos()).putStrings(c.eventIds())
                .putStrings(List.copyOf(c.group().values())).putString(c.values().isEmpty() ? null : c.values().get(0))
                .putBytes(AlertBytes.encode(match)).toBytes();
    }

    public static Match decode(byte[] bytes) {
        StateBytes.Reader r = new StateBytes.Reader(bytes, FORMAT);
        return new Decoded(r.getLong(), r.getStrings(), r.getStrings(), r.getString(), r.getBytes());
    }

    private static final class Decoded extends Match {
        private final long timeNanos;
        private final List<String> eventIds;
        private final List<String> groupValues;
        private final String value;
        private final byte[] alert;

        Decoded(long timeNanos, List<String> eventIds, List<String> groupValues, String value, byte[] alert) {
            this.timeNanos = timeNanos;
            this.eventIds = eventIds;
            this.groupValues = groupValues;
            this.value = value;
            this.alert = alert;
        }

        @Override
        public long timeNanos() {
            return timeNanos;
        }

        @Override
        List<String> eventIds() {
            return eventIds;
        }

        @Override
        List<String> groupValues() {
            return groupValues;
        }

        @Override
        String value() {
            return value;
        }

        @Override
        Alert alert(CompiledRule rule) {
            return AlertBytes.read(StateBytes.Reader.unformatted(alert), rule);
        }

        @Override
        byte[] alertBytes() {
            return alert;
        }
    }
}
