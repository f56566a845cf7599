package io.trailhawk.stateful;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key a stateful match's state lives under: its rule's fingerprint (which names the rule and changes with
 * it), then each of its group's values, length first, so that no value can run into the next. Bytes, so that a
 * host writes a key in one piece: state backends and checkpoints write every key, and the timers' keys too.
 * Immutable; ordered by its bytes.
 */
public final class GroupKey implements Comparable<GroupKey> {
    private static final int FINGERPRINT_BYTES = 8;

    private final byte[] bytes;
    private final int hash;
    private final long fingerprint;

    private GroupKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
        this.fingerprint = StateBytes.Reader.unformatted(bytes).getLong();
    }

    static GroupKey of(long fingerprint, List<String> values) {
        StateBytes.Writer w = StateBytes.Writer.unformatted().putLong(fingerprint);
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            w.putInt(b.length).putRaw(b);
        }
        return new GroupKey(w.toBytes());
    }

    /** A key from {@link #toBytes()}. */
    public static GroupKey fromBytes(byte[] bytes) {
        if (bytes.length < FINGERPRINT_BYTES) {
            throw new IllegalArgumentException("a group key holds at least a fingerprint: " + bytes.length + " bytes");
        }
        return new GroupKey(bytes.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The fingerprint of the rule whose state this is. */
    public long fingerprint() {
        return fingerprint;
    }

    /** The group's values, in the order of the rule's {@code by}. */
    List<String> values() {
        StateBytes.Reader r = StateBytes.Reader.unformatted(bytes);
        r.getLong();
        List<String> values = new ArrayList<>();
        while (r.remaining() > 0) {
            values.add(r.getUtf8(r.getInt()));
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupKey && hash == ((GroupKey) o).hash && Arrays.equals(bytes, ((GroupKey) o).bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(GroupKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return String.format("%016x", fingerprint()) + values();
    }
}
