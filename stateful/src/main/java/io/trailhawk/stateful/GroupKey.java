package io.trailhawk.stateful;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key a stateful match's state lives under: a scope of 8 bytes, then each of its group's values, length first,
 * so that no value can run into the next. The scope is the {@code by} fields' ({@link
 * io.trailhawk.rules.compile.StatefulSpec#scope()}), so that one group's state for every rule with the same
 * {@code by} is one key, read and written once per event. State written by release 0.1.0 has one key per rule and
 * group, whose scope is the rule's fingerprint ({@link StatefulRules} keeps such rules there). Bytes, so that a host
 * writes a key in one piece: state backends and checkpoints write every key, and the timers' keys too. Immutable;
 * ordered by its bytes.
 */
public final class GroupKey implements Comparable<GroupKey> {
    private static final int SCOPE_BYTES = 8;

    private final byte[] bytes;
    private final int hash;
    private final long scope;

    private GroupKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
        this.scope = StateBytes.Reader.unformatted(bytes).getLong();
    }

    static GroupKey of(long scope, List<String> values) {
        StateBytes.Writer w = StateBytes.Writer.unformatted().putLong(scope);
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            w.putInt(b.length).putRaw(b);
        }
        return new GroupKey(w.toBytes());
    }

    /** A key from {@link #toBytes()}. */
    public static GroupKey fromBytes(byte[] bytes) {
        if (bytes.length < SCOPE_BYTES) {
            throw new IllegalArgumentException("a group key holds at least a scope: " + bytes.length + " bytes");
        }
        return new GroupKey(bytes.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The {@code by} fields' scope, or in a key of release 0.1.0's layout the one rule's fingerprint. */
    public long scope() {
        return scope;
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
        return String.format("%016x", scope) + values();
    }
}
