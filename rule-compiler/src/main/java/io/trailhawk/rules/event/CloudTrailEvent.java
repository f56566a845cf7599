package io.trailhawk.rules.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.trailhawk.rules.json.RecordMembers;
import io.trailhawk.rules.json.Unscannable;
import java.util.Objects;

/**
 * One CloudTrail record as the rules see it: the record, its sequence number ({@code evt.num}) and its event time
 * in nanoseconds since the epoch, taken from {@code eventTime} as Falco's cloudtrail plugin does.
 *
 * <p>An event read from bytes builds nothing up front: its top-level members are located in one pass, and each is
 * built the first time a field asks for it, with only the parts the ruleset reads ({@link RecordMembers}). Such an
 * event is for one thread, and read-only: only the reader that made it moves it to its next record.
 */
public final class CloudTrailEvent {
    private long number;
    private JsonNode record;
    private long timeNanos;
    /** Null for an event made from a tree. */
    private final RecordMembers members;

    private CloudTrailEvent(JsonNode record, long number) {
        this.record = record;
        this.number = number;
        this.members = null;
    }

    /** An event that a {@link RecordReader} fills again for each record it reads. */
    CloudTrailEvent(RecordMembers members) {
        this.members = members;
    }

    /** Starts on the record its members were just located in. */
    CloudTrailEvent reset(long number) {
        this.number = number;
        this.record = null;
        return withTime();
    }

    /**
     * Wraps a record. Throws {@link IllegalArgumentException} when the record has no parseable {@code eventTime};
     * use {@link CloudTrailRecords#check} first to tell skips from errors.
     */
    public static CloudTrailEvent of(JsonNode record, long number) {
        Objects.requireNonNull(record, "record");
        return new CloudTrailEvent(record, number).withTime();
    }

    private CloudTrailEvent withTime() {
        if (members != null) {
            // CloudTrail's own form read from the bytes: no string is made for the common case.
            int at = members.valueStart("eventTime");
            long nanos = at < 0 ? Long.MIN_VALUE : EventTime.parseAt(members.json(), at);
            if (nanos != Long.MIN_VALUE) {
                timeNanos = nanos;
                return this;
            }
        }
        String t = text("eventTime");
        if (t == null) {
            throw new IllegalArgumentException("record has no eventTime");
        }
        Long nanos = EventTime.parse(t);
        if (nanos == null) {
            throw new IllegalArgumentException("eventTime is not RFC 3339: " + t);
        }
        timeNanos = nanos;
        return this;
    }

    /**
     * The whole record as a tree. For an event read from bytes this parses the record again, whole: fields read
     * {@link #member} instead, and only the fields that print the whole record come here.
     */
    public JsonNode record() {
        if (record == null) {
            try {
                record = members.parseWhole();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return record;
    }

    /**
     * A top-level member, or null when the record has none. Throws {@link UncheckedIOException} when the member is
     * malformed JSON.
     */
    public JsonNode member(String name) {
        if (members == null) {
            return record.get(name);
        }
        try {
            JsonNode m = members.member(name);
            if (m != RecordMembers.UNNAMED) {
                return m;
            }
        } catch (Unscannable e) {
            // Jackson decides: it either says what is wrong with the record or reads the member whole.
        }
        // Not among the ruleset's reads, so not located, or not scannable: the whole record answers.
        return record().get(name);
    }

    public long number() {
        return number;
    }

    public long timeNanos() {
        return timeNanos;
    }

    /** A top-level string member, or null. */
    public String text(String key) {
        JsonNode n = member(key);
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
