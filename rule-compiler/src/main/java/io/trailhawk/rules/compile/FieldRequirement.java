package io.trailhawk.rules.compile;

import io.trailhawk.rules.field.Extractor;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * For a rule that names no event name or source: a string field whose value must be one of a few constants for the
 * condition to hold, such as {@code ct.user.identitytype = Root}, or else must contain one of a few substrings
 * (ignoring case), such as {@code ct.useragent contains "pacu"}. The ruleset indexes such rules by that field.
 * Immutable.
 */
public final class FieldRequirement {
    /** How the field's value meets the requirement. */
    public enum Kind {
        /** It equals one of the values. */
        EQUALS,
        /** It contains one of the values, ignoring ASCII case. */
        CONTAINS
    }

    private final String field;
    private final Extractor extractor;
    private final Kind kind;
    private final Set<String> values;

    FieldRequirement(String field, Extractor extractor, Kind kind, Set<String> values) {
        this.field = field;
        this.extractor = extractor;
        this.kind = kind;
        this.values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public Kind kind() {
        return kind;
    }

    /** The field as written in rules, e.g. {@code json.value[/awsRegion]}. */
    public String field() {
        return field;
    }

    /** Reads the field, exactly as the condition's own check does. */
    public Extractor extractor() {
        return extractor;
    }

    public Set<String> values() {
        return values;
    }

    /** As the plans print it: {@code ct.user.identitytype in (Root)} or {@code ct.useragent icontains any of (a)}. */
    @Override
    public String toString() {
        return field + (kind == Kind.EQUALS ? " in (" : " icontains any of (") + String.join(", ", values) + ")";
    }
}
