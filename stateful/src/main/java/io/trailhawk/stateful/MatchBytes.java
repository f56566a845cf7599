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
    /**
     * As {@link #FORMAT}, with the event's record in place of the alert: the alert is rendered from it only when the
     * state alerts or keeps the match. Only the wire carries it; state keeps the rendered form.
     */
    private static final int FORMAT_UNRENDERED = 19;
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
     * A match left unrendered by the evaluator ({@link io.trailhawk.rules.StatefulMatches}), with the JSON bytes of
     * the record it matched, from which its alert is rendered if the state needs it.
     */
    public static byte[] encodeUnrendered(StatefulContext c, long fingerprint, byte[] record) {
        return new StateBytes.Writer(FORMAT_UNRENDERED).putLong(c.windowStartNanos()).putLong(fingerprint)
                .putStrings(c.eventIds()).putStrings(List.copyOf(c.group().values()))
                .putString(c.values().isEmpty() ? null : c.values().get(0)).putBytes(record).toBytes();
    }

    /**
     * A match from {@link #encode} or {@link #encodeUnrendered}; {@code keyScope} is the fingerprint of a match
     * release 0.1.0 wrote, whose key was its rule's.
     */
    public static Match decode(byte[] bytes, long keyScope) {
        int format = bytes.length > 0 ? bytes[0] : FORMAT;
        boolean old = format == FORMAT_WITHOUT_FINGERPRINT;
        boolean unrendered = format == FORMAT_UNRENDERED;
        StateBytes.Reader r = new StateBytes.Reader(bytes, old || unrendered ? format : FORMAT);
        long time = r.getLong();
        long fingerprint = old ? keyScope : r.getLong();
        return new Decoded(bytes, time, fingerprint, r.getStrings(), r.getStrings(), r.getString(), r.getBytes(),
                unrendered);
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
        /** {@link AlertBytes}, or the record's JSON when {@link #unrendered}. */
        private final byte[] alert;
        private final boolean unrendered;
        private final byte[] encoded;

        Decoded(byte[] encoded, long timeNanos, long fingerprint, List<String> eventIds, List<String> groupValues,
                String value, byte[] alert, boolean unrendered) {
            this.unrendered = unrendered;
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
            return unrendered ? AlertBytes.render(alert, rule)
                    : AlertBytes.read(StateBytes.Reader.unformatted(alert), rule);
        }

        @Override
        byte[] alertBytes(CompiledRule rule) {
            return unrendered ? AlertBytes.encode(alert(rule)) : alert;
        }

        @Override
        byte[] encoded(CompiledRule rule) {
            if (!unrendered) {
                return encoded;
            }
            return new StateBytes.Writer(FORMAT).putLong(timeNanos).putLong(fingerprint).putStrings(eventIds)
                    .putStrings(groupValues).putString(value).putBytes(alertBytes(rule)).toBytes();
        }
    }
}
