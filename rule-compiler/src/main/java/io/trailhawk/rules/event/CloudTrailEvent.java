package io.trailhawk.rules.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One CloudTrail record as the rules see it: the record, its sequence number ({@code evt.num}) and its event time
 * in nanoseconds since the epoch, taken from {@code eventTime} as Falco's cloudtrail plugin does.
 *
 * <p>An event read from bytes builds nothing up front: its top-level members are located in one pass, and each is
 * built the first time a field asks for it, with only the parts the ruleset reads, or taken from the thread's
 * {@link MemberCache} when an earlier event had the same bytes. Such an event is for one thread.
 */
public final class CloudTrailEvent {
    private long number;
    private JsonNode record;
    private long timeNanos;
    private final RecordIndex index;
    private final Projection.Member wanted;
    private final MemberCache recent;
    private final JsonNode[] members;

    private CloudTrailEvent(JsonNode record, long number) {
        this.record = record;
        this.number = number;
        this.index = null;
        this.wanted = null;
        this.recent = null;
        this.members = null;
    }

    /** An event that a {@link ProjectionReader} fills again for each record it reads. */
    CloudTrailEvent(RecordIndex index, Projection.Member wanted, MemberCache recent) {
        this.index = index;
        this.wanted = wanted;
        this.recent = recent;
        this.members = new JsonNode[wanted.childCount()];
    }

    /** Starts on the record its index now holds. */
    CloudTrailEvent reset(long number) {
        this.number = number;
        this.record = null;
        java.util.Arrays.fill(members, null);
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
        if (index != null) {
            // CloudTrail's own form read from the bytes: no string is made for the common case.
            Projection.Member time = wanted.child("eventTime");
            int at = index.has(time.index) ? index.start(time.index) : -1;
            long nanos = at < 0 ? Long.MIN_VALUE : parseTimeAt(index.json, at);
            if (nanos != Long.MIN_VALUE) {
                timeNanos = nanos;
                return this;
            }
        }
        String t = text("eventTime");
        if (t == null) {
            throw new IllegalArgumentException("record has no eventTime");
        }
        Long nanos = parseTime(t);
        if (nanos == null) {
            throw new IllegalArgumentException("eventTime is not RFC 3339: " + t);
        }
        timeNanos = nanos;
        return this;
    }

    /**
     * The time of the JSON value at {@code at} when it is a string in CloudTrail's own form
     * ({@code "YYYY-MM-DDTHH:MM:SSZ"}), read in place; otherwise {@code Long.MIN_VALUE}, and the caller parses its
     * text with {@link #parseTime}.
     */
    public static long parseTimeAt(byte[] json, int at) {
        if (at + 21 >= json.length || json[at] != '"' || json[at + 21] != '"') {
            return Long.MIN_VALUE;
        }
        return toNanos(parseUtcSeconds(json, at + 1));
    }

    /** RFC 3339 time to nanoseconds since the epoch, or null when it does not parse. */
    public static Long parseTime(String text) {
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

    /**
     * The whole record as a tree. For an event read from bytes this parses the record again, whole: fields read
     * {@link #member} instead, and only the fields that print the whole record come here.
     */
    public JsonNode record() {
        if (record == null) {
            try {
                record = Projection.MAPPER.readTree(index.json);
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
        if (index == null) {
            return record.get(name);
        }
        Projection.Member parts = wanted.child(name);
        if (parts == null) {
            // Not among the ruleset's reads, so not located: the whole record answers.
            return record().get(name);
        }
        if (!index.has(parts.index)) {
            return null;
        }
        JsonNode m = members[parts.index];
        if (m == null) {
            try {
                m = index.value(parts.index, parts, recent);
            } catch (ProjectionScanner.Malformed e) {
                // Jackson decides: it either says what is wrong with the record or reads the member whole.
                m = record().get(name);
            }
            members[parts.index] = m;
        }
        return m;
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
