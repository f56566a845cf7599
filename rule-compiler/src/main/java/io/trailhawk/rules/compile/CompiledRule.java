package io.trailhawk.rules.compile;

import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.eval.Predicate;
import io.trailhawk.rules.output.OutputTemplate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/** One rule, ready to evaluate. Immutable. */
public final class CompiledRule {
    private final String name;
    private final String desc;
    private final Priority priority;
    private final String source;
    private final SortedSet<String> tags;
    private final boolean enabled;
    private final Predicate condition;
    private final OutputTemplate output;
    private final Set<String> eventNames;
    private final Set<String> eventSources;
    private final FieldRequirement requirement;
    private final String conditionText;
    private final List<String[]> reads;
    private final Optional<StatefulSpec> stateful;
    private final boolean alert;
    private final boolean shadow;

    CompiledRule(String name, String desc, Priority priority, String source, SortedSet<String> tags, boolean enabled,
            Predicate condition, OutputTemplate output, Set<String> eventNames, Set<String> eventSources,
            FieldRequirement requirement, String conditionText, List<String[]> reads, Optional<StatefulSpec> stateful,
            boolean alert, boolean shadow) {
        this.name = name;
        this.desc = desc;
        this.priority = priority;
        this.source = source;
        this.tags = Collections.unmodifiableSortedSet(tags);
        this.enabled = enabled;
        this.condition = condition;
        this.output = output;
        this.eventNames = eventNames == null ? null : Collections.unmodifiableSet(eventNames);
        this.eventSources = eventSources == null ? null : Collections.unmodifiableSet(eventSources);
        this.requirement = requirement;
        this.conditionText = conditionText;
        this.stateful = stateful;
        this.alert = alert;
        this.shadow = shadow;
        List<String[]> all = new java.util.ArrayList<>(reads);
        all.addAll(output.reads());
        this.reads = Collections.unmodifiableList(all);
    }

    /** This rule, on or off as {@code on} says: what a rule selection makes of it. */
    public CompiledRule withEnabled(boolean on) {
        return on == enabled ? this : new CompiledRule(this, on);
    }

    private CompiledRule(CompiledRule r, boolean enabled) {
        this.name = r.name;
        this.desc = r.desc;
        this.priority = r.priority;
        this.source = r.source;
        this.tags = r.tags;
        this.enabled = enabled;
        this.condition = r.condition;
        this.output = r.output;
        this.eventNames = r.eventNames;
        this.eventSources = r.eventSources;
        this.requirement = r.requirement;
        this.conditionText = r.conditionText;
        this.stateful = r.stateful;
        this.alert = r.alert;
        this.shadow = r.shadow;
        this.reads = r.reads;
    }

    /**
     * Whether {@code other}, a rule of the same name in another ruleset, means something else: another condition
     * (macros and lists as expanded), output, priority, description, tags, source, stateful key, or whether it is
     * enabled, alerts or is in shadow as written.
     */
    public boolean differsFrom(CompiledRule other) {
        return !(condition.toString().equals(other.condition.toString()) && output.sourceText().equals(other.output.sourceText())
                && priority == other.priority && desc.equals(other.desc) && tags.equals(other.tags)
                && source.equals(other.source) && enabled == other.enabled && alert == other.alert
                && shadow == other.shadow
                && stateful.map(StatefulSpec::fingerprint).equals(other.stateful.map(StatefulSpec::fingerprint)));
    }

    /** Every record path the condition and the output read. */
    public List<String[]> reads() {
        return reads;
    }

    public String name() {
        return name;
    }

    public String desc() {
        return desc;
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

    /** As written in the rules, before the priority threshold is applied. */
    public boolean enabled() {
        return enabled;
    }

    public Predicate condition() {
        return condition;
    }

    public OutputTemplate output() {
        return output;
    }

    /** The event names the condition requires, or null when it may match any event. */
    public Set<String> eventNames() {
        return eventNames;
    }

    /** The event sources the condition requires, or null when it may match any source. */
    public Set<String> eventSources() {
        return eventSources;
    }

    /** For a rule with no event name or source: another field it requires to hold one of some values, or null. */
    public FieldRequirement requirement() {
        return requirement;
    }

    /** The rule's stateful key, compiled; empty for a rule that looks at one event at a time. */
    public Optional<StatefulSpec> stateful() {
        return stateful;
    }

    /** Whether the rule is a sequence: it matches through its steps, not its own condition. */
    public boolean isSequence() {
        return stateful.filter(s -> s.kind() == io.trailhawk.rules.load.StatefulClause.Kind.SEQUENCE).isPresent();
    }

    /**
     * As compiled: {@code shadow: true}, or defined in a file in shadow. Whether its alerts go to the shadow output
     * is {@link io.trailhawk.rules.CompiledRuleset#inShadow}'s to say, as a promotion can make it live.
     */
    public boolean shadow() {
        return shadow;
    }

    /** False for {@code alert: false}: the rule's matches only feed sequences. */
    public boolean alerts() {
        return alert;
    }

    /** The final condition text that was parsed: exceptions added and lists substituted. */
    public String conditionText() {
        return conditionText;
    }
}
