package io.trailhawk.rules.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Event time: parsing CloudTrail's {@code eventTime} to nanoseconds since the epoch, and the renderings Falco uses
 * for plugin events.
 */
public final class EventTime {
    private EventTime() {
    }

    /**
     * The time of the JSON value at {@code at} when it is a string in CloudTrail's own form
     * ({@code "YYYY-MM-DDTHH:MM:SSZ"}), read in place; otherwise {@code Long.MIN_VALUE}, and the caller parses its
     * text with {@link #parse}.
     */
    public static long parseAt(byte[] json, int at) {
        if (at + 21 >= json.length || json[at] != '"' || json[at + 21] != '"') {
            return Long.MIN_VALUE;
        }
        return toNanos(parseUtcSeconds(json, at + 1));
    }

    /** RFC 3339 time to nanoseconds since the epoch, or null when it does not parse. */
    public static Long parse(String text) {
        long fast = toNanos(parseUtcSeconds(text));
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * CloudTrail's own form, {@code YYYY-MM-DDTHH:MM:SSZ}, without the general parser's allocations. Returns
     * {@code Long.MIN_VALUE} for anything else, which the general parser then handles.
     */
    private static long parseUtcSeconds(String s) {
        return s.length() == 20 ? parseUtcSeconds(s.getBytes(StandardCharsets.ISO_8859_1), 0) : Long.MIN_VALUE;
    }

    /**
     * Seconds to nanoseconds; {@code Long.MIN_VALUE} when there are none or they do not fit in a long (before 1677
     * or after 2262), which the general parser then refuses as well.
     */
    private static long toNanos(long seconds) {
        if (seconds == Long.MIN_VALUE || seconds > Long.MAX_VALUE / 1_000_000_000L
                || seconds < Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L;
    }

    /** The same, from the 20 bytes at {@code from}. */
    private static long parseUtcSeconds(byte[] b, int from) {
        if (b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T' || b[from + 13] != ':'
                || b[from + 16] != ':' || b[from + 19] != 'Z') {
            return Long.MIN_VALUE;
        }
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        int hour = digits(b, from + 11, 2);
        int minute = digits(b, from + 14, 2);
        int second = digits(b, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private static int digits(byte[] b, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    private static int monthLength(int year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days from 1970-01-01 in the proleptic Gregorian calendar, counting years from March so leap days come last. */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
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
        return utc(nanos, "+0000");
    }

    /** Falco's JSON {@code time}: UTC, nanoseconds, {@code Z}. */
    public static String utcTimestamp(long nanos) {
        return utc(nanos, "Z");
    }

    /**
     * UTC {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnn} and {@code zone}. Every alert prints one, so the date is worked out
     * from the day number here rather than through {@link ZonedDateTime}; years outside 0 to 9999 take that way.
     */
    private static String utc(long nanos, String zone) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        // Days to a civil date, counting years from March so that the leap day comes last.
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long dayOfEra = z - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9_999) {
            ZonedDateTime t = at(nanos, ZoneOffset.UTC);
            return date(t) + "T" + clock(t, true) + zone;
        }
        char[] c = new char[29 + zone.length()];
        digits(c, 0, (int) year, 4);
        c[4] = '-';
        digits(c, 5, month, 2);
        c[7] = '-';
        digits(c, 8, day, 2);
        c[10] = 'T';
        clock(c, 11, Math.floorMod(seconds, 86_400L), Math.floorMod(nanos, 1_000_000_000L));
        zone.getChars(0, zone.length(), c, 29);
        return new String(c);
    }

    /** {@code evt.time}, the prefix of Falco's text line: local {@code HH:MM:SS.nnnnnnnnn}. */
    public static String localClock(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        int offset = ZoneId.systemDefault().getRules().getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
        char[] c = new char[18];
        clock(c, 0, Math.floorMod(seconds + offset, 86_400L), Math.floorMod(nanos, 1_000_000_000L));
        return new String(c);
    }

    /** {@code HH:MM:SS.nnnnnnnnn} of a second of the day and its nanoseconds, at {@code at}. */
    private static void clock(char[] c, int at, long secondOfDay, long nano) {
        int s = (int) secondOfDay;
        digits(c, at, s / 3_600, 2);
        c[at + 2] = ':';
        digits(c, at + 3, s / 60 % 60, 2);
        c[at + 5] = ':';
        digits(c, at + 6, s % 60, 2);
        c[at + 8] = '.';
        digits(c, at + 9, (int) nano, 9);
    }

    /** {@code v} in {@code width} decimal digits, zeros first. */
    private static void digits(char[] c, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
