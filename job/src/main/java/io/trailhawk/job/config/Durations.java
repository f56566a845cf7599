package io.trailhawk.job.config;

import java.time.Duration;
import java.util.Locale;

/** Durations as configuration writes them: {@code 500ms}, {@code 10s}, {@code 5min}, {@code 1h}, or milliseconds. */
final class Durations {
    private Durations() {
    }

    static Duration parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.matches("[0-9]+")) {
                return Duration.ofMillis(Long.parseLong(v));
            }
            String[][] units = {{"ms", "1"}, {"min", "60000"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"},
                {"d", "86400000"}};
            for (String[] u : units) {
                if (v.endsWith(u[0])) {
                    String n = v.substring(0, v.length() - u[0].length()).trim();
                    if (n.matches("[0-9]+")) {
                        return Duration.ofMillis(Math.multiplyExact(Long.parseLong(n), Long.parseLong(u[1])));
                    }
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key + ": '" + value + "' is not a duration (use e.g. 500ms, 10s, 5min, 1h)");
    }
}
