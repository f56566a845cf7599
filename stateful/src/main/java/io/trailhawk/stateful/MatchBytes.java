package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A stateful rule's match as bytes, for a host that carries matches from the evaluator to the keyed state across
 * a network, as the job does, and for a sequence's steps while they wait for the watermark. The rule's name,
 * priority and tags are not in it: its fingerprint names the rule. What the state reads comes first; the alert
 * follows, length-prefixed, so that a match that only counts is not decoded further and a match the state keeps is
 * kept as the bytes it came in.
 */
public final class MatchBytes {
    /** Since the shared group keys: the rule's fingerprint follows the time. */
    private static final int FORMAT = 18;
    /** Release 0.1.0's, without the fingerprint: its key named the rule. */
    private static final int FORMAT_WITHOUT_FINGERPRINT = 17;

    private MatchBytes() {
    }

    public static byte[] encode(Alert match, long fingerprint) {
        StatefulContext c = match.stateful().orElseThrow(() -> new IllegalArgumentException("not a stateful match"));
        return new StateBytes.Writer(FORMAT).putLong(match.timeNanos()).putLong(fingerprint)
                .putStrings(c.eventIds()).putStrings(List.copyOf(c.group().values()))
                .putString(c.values().isEmpty() ? null : c.values().get(0))
                .putBytes(AlertBytes.encode(match)).toBytes();
    }

    /**
     * A match from {@link #encode}; {@code keyScope} is the fingerprint of a match release 0.1.0 wrote, whose key
     * was its rule's.
     */
    public static Match decode(byte[] bytes, long keyScope) {
        boolean old = bytes.length > 0 && bytes[0] == FORMAT_WITHOUT_FINGERPRINT;
        StateBytes.Reader r = new StateBytes.Reader(bytes, old ? FORMAT_WITHOUT_FINGERPRINT : FORMAT);
        long time = r.getLong();
        long fingerprint = old ? keyScope : r.getLong();
        return new Decoded(bytes, time, fingerprint, r.getStrings(), r.getStrings(), r.getString(), r.getBytes());
    }

    /** The event time of an encoded match, read without decoding the rest. */
    static long timeNanos(byte[] bytes) {
        return StateBytes.Reader.unformatted(bytes).skip(1).getLong();
    }

    /** Several encoded matches as one array, each length first. */
    public static byte[] join(List<byte[]> matches) {
        StateBytes.Writer w = StateBytes.Writer.unformatted().putInt(matches.size());
        for (byte[] m : matches) {
            w.putBytes(m);
        }
        return w.toBytes();
    }

    /** The matches of {@link #join}. */
    public static List<Match> split(byte[] joined) {
        StateBytes.Reader r = StateBytes.Reader.unformatted(joined);
        int n = r.getInt();
        List<Match> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(decode(r.getBytes(), 0L));
        }
        return out;
    }

    private static final class Decoded extends Match {
        private final long timeNanos;
        private final long fingerprint;
        private final List<String> eventIds;
        private final List<String> groupValues;
        private final String value;
        private final byte[] alert;
        private final byte[] encoded;

        Decoded(byte[] encoded, long timeNanos, long fingerprint, List<String> eventIds, List<String> groupValues,
                String value, byte[] alert) {
            this.encoded = encoded;
            this.timeNanos = timeNanos;
            this.fingerprint = fingerprint;
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
        public long fingerprint() {
            return fingerprint;
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

        @Override
        byte[] encoded() {
            return encoded;
        }
    }
}
