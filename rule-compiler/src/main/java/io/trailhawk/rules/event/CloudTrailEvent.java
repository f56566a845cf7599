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
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
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
