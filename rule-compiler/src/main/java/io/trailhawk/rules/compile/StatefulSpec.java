package io.trailhawk.rules.compile;

import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.field.Extractor;
import io.trailhawk.rules.load.StatefulClause;
import io.trailhawk.rules.output.OutputTemplate;
import io.trailhawk.rules.output.StatefulContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's stateful key, compiled: its {@code by} fields and {@code field} as extractors, its window, count and
 * steps, and a fingerprint that changes whenever the rule's name, its condition or any of these does, so that state
 * is kept across a reload only for a rule that still means the same. Immutable.
 */
public final class StatefulSpec {
    private final StatefulClause.Kind kind;
    private final List<String> byNames;
    private final List<Extractor> by;
    private final String fieldName;
    private final Extractor field;
    private final long windowNanos;
    private final long learnNanos;
    private final int count;
    private final List<String> steps;
    private final long fingerprint;
    private final long scope;

    StatefulSpec(StatefulClause.Kind kind, List<String> byNames, List<Extractor> by, String fieldName, Extractor field,
            long windowNanos, long learnNanos, int count, List<String> steps, long fingerprint, long scope) {
        this.kind = kind;
        this.byNames = List.copyOf(byNames);
        this.by = List.copyOf(by);
        this.fieldName = fieldName;
        this.field = field;
        this.windowNanos = windowNanos;
        this.learnNanos = learnNanos;
        this.count = count;
        this.steps = List.copyOf(steps);
        this.fingerprint = fingerprint;
        this.scope = scope;
    }

    public StatefulClause.Kind kind() {
        return kind;
    }

    /** The {@code by} fields as written. */
    public List<String> byNames() {
        return byNames;
    }

    /** distinct's and first_seen's {@code field} as written; null for the other kinds. */
    public String fieldName() {
        return fieldName;
    }

    /** {@code for}, {@code within} or {@code forget}. */
    public long windowNanos() {
        return windowNanos;
    }

    /** first_seen's {@code learn}; 0 otherwise. */
    public long learnNanos() {
        return learnNanos;
    }

    /** threshold's and distinct's {@code count}; 0 otherwise. */
    public int count() {
        return count;
    }

    /** sequence's steps, rule names in order; empty otherwise. */
    public List<String> steps() {
        return steps;
    }

    /**
     * 64 bits of a hash of the rule's name, its condition (macros expanded, lists substituted) and its stateful key:
     * it changes whenever one of them does, and names the rule in its state's keys.
     */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * 64 bits of a hash of the {@code by} fields alone: rules with the same {@code by} have the same scope, and a
     * group's state for all of them lives under one key.
     */
    public long scope() {
        return scope;
    }

    /** The group of an event: each {@code by} field's value as outputs print it ({@code <NA>} when absent). */
    public Map<String, String> group(CloudTrailEvent event) {
        if (by.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> g = new LinkedHashMap<>();
        for (int i = 0; i < by.size(); i++) {
            g.put(byNames.get(i), OutputTemplate.text(by.get(i).extract(event)));
        }
        return g;
    }

    /** What a sequence's match on {@code event}, which matched step rule {@code step}, carries to the state. */
    public StatefulContext step(String step, CloudTrailEvent event) {
        return StatefulContext.ofMatch(kind.key(), group(event), event.timeNanos(), step, event.text("eventID"));
    }

    /** What a match of this rule on {@code event} carries to the state: its group, and its field's value. */
    public StatefulContext match(CloudTrailEvent event) {
        return StatefulContext.ofMatch(kind.key(), group(event), event.timeNanos(),
                field == null ? null : OutputTemplate.text(field.extract(event)), event.text("eventID"));
    }
}
