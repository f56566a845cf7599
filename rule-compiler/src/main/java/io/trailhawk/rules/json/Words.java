package io.trailhawk.rules.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of a record at a time, as one little-endian {@code long}: the readers here search words for quotes,
 * backslashes and brackets instead of looking at bytes one by one. A mask has the high bit of each byte that
 * matched set.
 */
final class Words {
    static final long HIGHS = 0x8080808080808080L;
    static final long QUOTES = 0x2222222222222222L;
    static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long ONES = 0x0101010101010101L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words() {
    }

    /** The eight bytes from {@code i}; the caller checks that they are there. */
    static long at(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * The bytes of {@code word} equal to the byte {@code pattern} repeats. Bits above the lowest one may be false
     * alarms (borrows): use it to test for any match, or to find the first.
     */
    static long firstEqual(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }

    /** The bytes of {@code word} equal to the byte {@code pattern} repeats, exactly. */
    static long equal(long word, long pattern) {
        long x = word ^ pattern;
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }

    /** The bytes of {@code word} below {@code 0x20}, in the same way as {@link #firstEqual}. */
    static long firstControl(long word) {
        return (word - 0x2020202020202020L) & ~word & HIGHS;
    }
}
