package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** A rule as collected so far, after every define, append and override in load order. */
public final class RuleInfo {
    private final String name;
    private final int index;
    private SourceLocation location;
    private PositionedText condition;
    private PositionedText output;
    private String desc;
    private Priority priority;
    private String source;
    private boolean enabled = true;
    private boolean skipIfUnknownFilter;
    private Optional<StatefulClause> stateful = Optional.empty();
    private boolean alert = true;
    private boolean shadow;
    private final TreeSet<String> tags = new TreeSet<>();
    private final List<ExceptionInfo> exceptions = new ArrayList<>();

    RuleInfo(String name, int index, SourceLocation location) {
        this.name = name;
        this.index = index;
        this.location = location;
    }

    /**
     * Starts a redefinition: the location and source become the new item's, and the keys a definition may leave
     * out go back to their defaults. The keys it must give (condition, output, desc, priority) it then sets.
     */
    void redefine(SourceLocation at, String source) {
        this.location = at;
        this.source = source;
        this.enabled = true;
        this.skipIfUnknownFilter = false;
        this.stateful = Optional.empty();
        this.alert = true;
        this.shadow = false;
        this.tags.clear();
        this.exceptions.clear();
    }

    void setCondition(PositionedText c) {
        this.condition = c;
    }

    void setOutput(PositionedText o) {
        this.output = o;
    }

    void setDesc(String d) {
        this.desc = d;
    }

    void setPriority(Priority p) {
        this.priority = p;
    }

    void setEnabled(boolean e) {
        this.enabled = e;
    }

    void setSkipIfUnknownFilter(boolean s) {
        this.skipIfUnknownFilter = s;
    }

    void setStateful(Optional<StatefulClause> s) {
        this.stateful = s;
    }

    void setAlert(boolean a) {
        this.alert = a;
    }

    /** The rule's stateful key; empty for a rule that looks at one event at a time. */
    public Optional<StatefulClause> stateful() {
        return stateful;
    }

    /** False for a rule with {@code alert: false}: its matches only feed sequences. */
    public boolean alert() {
        return alert;
    }

    void setShadow(boolean s) {
        this.shadow = s;
    }

    /**
     * True for a rule in shadow: {@code shadow: true}, or defined in a file pushed in shadow. It is evaluated like
     * any rule, and its alerts go only where shadow alerts go.
     */
    public boolean shadow() {
        return shadow;
    }

    void setTags(List<String> t) {
        tags.clear();
        tags.addAll(t);
    }

    void addTags(List<String> t) {
        tags.addAll(t);
    }

    void setExceptions(List<ExceptionInfo> ex) {
        exceptions.clear();
        exceptions.addAll(ex);
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public SourceLocation location() {
        return location;
    }

    public PositionedText condition() {
        return condition;
    }

    public PositionedText output() {
        return output;
    }

    public String desc() {
        return desc;
    }

    public Priority priority() {
        return priority;
    }

    /** The source a rule has when it does not declare one. */
    public static final String DEFAULT_SOURCE = "aws_cloudtrail";

    /** The declared source, or null when the rule did not say (which means {@link #DEFAULT_SOURCE}). */
    public String source() {
        return source;
    }

    /** The source the rule is evaluated for: the declared one, or {@link #DEFAULT_SOURCE}. */
    public String effectiveSource() {
        return source == null ? DEFAULT_SOURCE : source;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean skipIfUnknownFilter() {
        return skipIfUnknownFilter;
    }

    public SortedSet<String> tags() {
        return Collections.unmodifiableSortedSet(tags);
    }

    public List<ExceptionInfo> exceptions() {
        return Collections.unmodifiableList(exceptions);
    }
}
