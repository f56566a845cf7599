package io.trailhawk.rules.output;

import io.trailhawk.rules.load.Priority;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/** One rule firing on one event. Immutable; rendered to Falco JSON by {@link io.trailhawk.rules.output.AlertJson}. */
public final class Alert {
    private final String rule;
    private final Priority priority;
    private final String source;
    private final SortedSet<String> tags;
    private final String output;
    private final Map<String, Object> outputFields;
    private final long timeNanos;
    private final String eventId;
    private final String accountId;
    private final String region;
    /** Null for an alert of a rule without state. */
    private final StatefulContext stateful;
    private final EventFacts facts;

    Alert(String rule, Priority priority, String source, SortedSet<String> tags, String output,
            Map<String, Object> outputFields, long timeNanos, String eventId, String accountId, String region,
            StatefulContext stateful, EventFacts facts) {
        this.rule = rule;
        this.priority = priority;
        this.source = source;
        this.tags = tags;
        this.output = output;
        this.outputFields = Collections.unmodifiableMap(outputFields);
        this.timeNanos = timeNanos;
        this.eventId = eventId;
        this.accountId = accountId;
        this.region = region;
        this.stateful = stateful;
        this.facts = Objects.requireNonNull(facts);
    }

    /**
     * An alert as it was, from its parts: for a stateful engine that keeps the matches it has not alerted yet.
     * {@code stateful} may be null.
     */
    public static Alert of(String rule, Priority priority, String source, SortedSet<String> tags, String output,
            Map<String, Object> outputFields, long timeNanos, String eventId, String accountId, String region,
            StatefulContext stateful, EventFacts facts) {
        return new Alert(rule, priority, source, tags, output, outputFields, timeNanos, eventId, accountId, region,
                stateful, facts);
    }

    /** The same alert with this stateful context, at {@code timeNanos}, saying {@code output}. */
    public Alert withStateful(StatefulContext context, String output, long timeNanos) {
        return new Alert(rule, priority, source, tags, output, outputFields, timeNanos, eventId, accountId, region,
                Objects.requireNonNull(context), facts);
    }

    /** What other formats than Falco JSON say of the event; {@link EventFacts#NONE} unless the ruleset keeps them. */
    public EventFacts facts() {
        return facts;
    }

    /** What the rule's state adds; empty for a rule without state. */
    public Optional<StatefulContext> stateful() {
        return Optional.ofNullable(stateful);
    }

    public String rule() {
        return rule;
    }

    public Priority priority() {
        return priority;
    }

    public String source() {
        return source;
    }

    public SortedSet<String> tags() {
        return tags;
    }

    /** The rule's rendered output, without Falco's time and priority prefix. */
    public String output() {
        return output;
    }

    /** Each output field with its typed value; null where the event lacks it. Sorted by name. */
    public Map<String, Object> outputFields() {
        return outputFields;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public String eventId() {
        return eventId;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }
}
