package io.trailhawk.rules.event;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The time renderings Falco uses for plugin events. */
public final class EventTime {
    private EventTime() {
    }

    public static ZonedDateTime at(long nanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .atZone(zone);
    }

    public static String clock(ZonedDateTime t, boolean withNanos) {
        StringBuilder sb = new StringBuilder(18);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        if (withNanos) {
            String n = Integer.toString(t.getNano());
            sb.append('.');
            for (int i = n.length(); i < 9; i++) {
                sb.append('0');
            }
            sb.append(n);
        }
        return sb.toString();
    }

    public static String date(ZonedDateTime t) {
        StringBuilder sb = new StringBuilder(10);
        String y = Integer.toString(t.getYear());
        for (int i = y.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(y).append('-');
        two(sb, t.getMonthValue()).append('-');
        two(sb, t.getDayOfMonth());
        return sb.toString();
    }

    /** {@code evt.time.iso8601}: UTC, nanoseconds, {@code +0000}. */
    public static String iso8601(long nanos) {
        ZonedDateTime t = at(nanos, ZoneOffset.UTC);
        return date(t) + "T" + clock(t, true) + "+0000";
    }

    /** Falco's JSON {@code time}: UTC, nanoseconds, {@code Z}. */
    public static String utcTimestamp(long nanos) {
        ZonedDateTime t = at(nanos, ZoneOffset.UTC);
        return date(t) + "T" + clock(t, true) + "Z";
    }

    /** {@code evt.time}, the prefix of Falco's text line: local {@code HH:MM:SS.nnnnnnnnn}. */
    public static String localClock(long nanos) {
        return clock(at(nanos, ZoneId.systemDefault()), true);
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
