package io.trailhawk.job.detect;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A key's matches waiting for the watermark, by the millisecond of their event time, in arrival order within it.
 * Each match has an entry of its own, so holding one and releasing one cost the same whatever a hot key holds: the
 * entry {@code ms × SLOTS + i} is the i-th match of that millisecond, and {@code ms × SLOTS + SLOTS - 1} counts
 * them.
 */
final class HeldMatches {
    private static final long SLOTS = 4096;

    private final MapState<Long, byte[]> state;

    HeldMatches(MapState<Long, byte[]> state) {
        this.state = state;
    }

    static MapStateDescriptor<Long, byte[]> descriptor(StateTtlConfig ttl) {
        MapStateDescriptor<Long, byte[]> d = new MapStateDescriptor<>("stateful-pending-v1", Types.LONG,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        d.enableTimeToLive(ttl);
        return d;
    }

    /** Holds {@code match} until {@link #release} of its millisecond; false when that millisecond is full. */
    boolean hold(long millis, byte[] match) throws Exception {
        int n = count(millis);
        if (n >= SLOTS - 1) {
            return false;
        }
        state.put(millis * SLOTS + n, match);
        int held = n + 1;
        state.put(countKey(millis), new byte[] {(byte) (held >>> 8), (byte) held});
        return true;
    }

    /** The matches held for {@code millis}, in the order they came; they are no longer held. */
    List<byte[]> release(long millis) throws Exception {
        int n = count(millis);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long k = millis * SLOTS + i;
            byte[] m = state.get(k);
            if (m != null) {
                out.add(m);
            }
            state.remove(k);
        }
        if (n > 0) {
            state.remove(countKey(millis));
        }
        return out;
    }

    private int count(long millis) throws Exception {
        byte[] c = state.get(countKey(millis));
        return c == null ? 0 : (c[0] & 0xFF) << 8 | c[1] & 0xFF;
    }

    private static long countKey(long millis) {
        return millis * SLOTS + SLOTS - 1;
    }
}
