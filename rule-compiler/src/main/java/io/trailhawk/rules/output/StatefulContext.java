package io.trailhawk.rules.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a stateful rule adds to an alert, under the {@code trailhawk} key of its JSON: the kind, the group's field
 * values, how many matches the alert stands for, the window they fell in (event time), the distinct values seen,
 * and the event IDs behind it (bounded). A rule's match carries one too, before the state decides what to alert.
 * Immutable.
 */
public final class StatefulContext {
    /** The most event IDs an alert lists; the count says how many there were. */
    public static final int MAX_EVENT_IDS = 20;

    private final String kind;
    private final Map<String, String> group;
    private final long count;
    private final long windowStartNanos;
    private final long windowEndNanos;
    private final List<String> values;
    private final List<String> eventIds;

    public StatefulContext(String kind, Map<String, String> group, long count, long windowStartNanos,
            long windowEndNanos, List<String> values, List<String> eventIds) {
        this(kind, Collections.unmodifiableMap(new LinkedHashMap<>(group)), count, windowStartNanos, windowEndNanos,
                List.copyOf(values), List.copyOf(eventIds.size() > MAX_EVENT_IDS
                        ? eventIds.subList(eventIds.size() - MAX_EVENT_IDS, eventIds.size()) : eventIds), true);
    }

    /** Takes its arguments as they are: each is unmodifiable already ({@code owned} only sets it apart). */
    private StatefulContext(String kind, Map<String, String> group, long count, long windowStartNanos,
            long windowEndNanos, List<String> values, List<String> eventIds, boolean owned) {
        this.kind = Objects.requireNonNull(kind);
        this.group = group;
        this.count = count;
        this.windowStartNanos = windowStartNanos;
        this.windowEndNanos = windowEndNanos;
        this.values = values;
        this.eventIds = eventIds;
    }

    /**
     * What one match carries to the state, at its event's time: a rule's match is made for every event it
     * matches, so the group is taken as it is, not copied. Nothing may change {@code group} afterwards.
     * {@code value} and {@code eventId} may be null.
     */
    public static StatefulContext ofMatch(String kind, Map<String, String> group, long timeNanos, String value,
            String eventId) {
        return new StatefulContext(kind, Collections.unmodifiableMap(group), 1, timeNanos, timeNanos,
                value == null ? List.of() : List.of(value), eventId == null ? List.of() : List.of(eventId), true);
    }

    /** {@code suppress}, {@code suppressed}, {@code threshold}, {@code distinct}, {@code sequence}, {@code first_seen}. */
    public String kind() {
        return kind;
    }

    /** Each {@code by} field with its value in this group, in the order written; {@code <NA>} when absent. */
    public Map<String, String> group() {
        return group;
    }

    public long count() {
        return count;
    }

    public long windowStartNanos() {
        return windowStartNanos;
    }

    public long windowEndNanos() {
        return windowEndNanos;
    }

    /** The distinct values counted, or the value seen first; empty for the other kinds. */
    public List<String> values() {
        return values;
    }

    /** The last event IDs behind the alert, oldest first, at most {@link #MAX_EVENT_IDS}. */
    public List<String> eventIds() {
        return eventIds;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StatefulContext)) {
            return false;
        }
        StatefulContext c = (StatefulContext) o;
        return kind.equals(c.kind) && group.equals(c.group) && count == c.count
                && windowStartNanos == c.windowStartNanos && windowEndNanos == c.windowEndNanos
                && values.equals(c.values) && eventIds.equals(c.eventIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, group, count, windowStartNanos, windowEndNanos, values, eventIds);
    }

    @Override
    public String toString() {
        return kind + group + " count=" + count + " values=" + values + " events=" + eventIds;
    }
}
