package io.trailhawk.rules.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One CloudTrail record as the rules see it: the parsed record, its sequence number ({@code evt.num}) and its
 * event time in nanoseconds since the epoch, taken from {@code eventTime} as Falco's cloudtrail plugin does.
 */
public final class CloudTrailEvent {
    private final JsonNode record;
    private final long number;
    private final long timeNanos;

    private CloudTrailEvent(JsonNode record, long number, long timeNanos) {
        this.record = record;
        this.number = number;
        this.timeNanos = timeNanos;
    }

    /**
     * Wraps a record. Throws {@link IllegalArgumentException} when the record has no parseable {@code eventTime};
     * use {@link CloudTrailRecords#check} first to tell skips from errors.
     */
    public static CloudTrailEvent of(JsonNode record, long number) {
        Objects.requireNonNull(record, "record");
        JsonNode t = record.get("eventTime");
        if (t == null || !t.isTextual()) {
            throw new IllegalArgumentException("record has no eventTime");
        }
        Long nanos = parseTime(t.asText());
        if (nanos == null) {
            throw new IllegalArgumentException("eventTime is not RFC 3339: " + t.asText());
        }
        return new CloudTrailEvent(record, number, nanos);
    }

    /** RFC 3339 time to nanoseconds since the epoch, or null when it does not parse. */
    public static Long parseTime(String text) {
        long fast = parseUtcSeconds(text);
        if (fast != Long.MIN_VALUE) {
            return fast * 1_000_000_000L;
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
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) {
            return Long.MIN_VALUE;
        }
        return java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public JsonNode record() {
        return record;
    }

    public long number() {
        return number;
    }

    public long timeNanos() {
        return timeNanos;
    }

    /** A top-level string member, or null. */
    public String text(String key) {
        JsonNode n = record.get(key);
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
