package io.trailhawk.rules.eval;

import java.math.BigInteger;

/**
 * A numeric constant as Falco reads one ({@code sscanf} with {@code %llu}): decimal digits with an optional sign,
 * a negative one wrapping around as an unsigned 64-bit value ({@code -1} is the largest), a larger one saturating.
 * Hexadecimal, fractions and exponents are not numbers here.
 */
public final class UnsignedNumber {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private UnsignedNumber() {
    }

    /** The value, or null when {@code text} is not a number. */
    public static Long parse(String text) {
        if (!text.matches("[+-]?[0-9]+")) {
            return null;
        }
        BigInteger n = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        return n.signum() >= 0 ? n.min(MAX).longValue() : n.max(MAX.negate()).longValue();
    }
}
