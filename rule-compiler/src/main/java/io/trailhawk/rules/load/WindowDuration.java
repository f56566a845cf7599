package io.trailhawk.rules.load;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful rule's window length as written: a whole number and a unit, {@code ms}, {@code s}, {@code m},
 * {@code h} or {@code d} ({@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}). At least one millisecond and at most
 * 366 days, so that event times plus a window never overflow.
 */
public final class WindowDuration {
    /** A year and a day: longer windows are a mistake, and would hold state for longer than any TTL here. */
    public static final long MAX_NANOS = 366L * 86_400_000_000_000L;
    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");

    private WindowDuration() {
    }

    /** A duration as it would be written: the largest unit that divides it ({@code 90s}, {@code 2h}, {@code 7d}). */
    public static String format(long nanos) {
        String[] units = {"d", "h", "m", "s", "ms"};
        long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L};
        for (int i = 0; i < units.length; i++) {
            if (nanos % sizes[i] == 0) {
                return nanos / sizes[i] + units[i];
            }
        }
        return nanos + "ns";
    }

    /** The duration in nanoseconds, or empty when {@code text} is not one within the bounds. */
    public static Optional<Long> parseNanos(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        long unit;
        switch (m.group(2)) {
            case "ms":
                unit = 1_000_000L;
                break;
            case "s":
                unit = 1_000_000_000L;
                break;
            case "m":
                unit = 60_000_000_000L;
                break;
            case "h":
                unit = 3_600_000_000_000L;
                break;
            default:
                unit = 86_400_000_000_000L;
                break;
        }
        if (n == 0 || n > MAX_NANOS / unit) {
            return Optional.empty();
        }
        return Optional.of(n * unit);
    }
}
