package io.trailhawk.rules.compile;

import io.trailhawk.rules.field.Extractor;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * For a rule that names no event name or source: a string field whose value must be one of a few constants for the
 * condition to hold, such as {@code ct.user.identitytype = Root}. The ruleset indexes such rules by that value.
 * Immutable.
 */
public final class FieldRequirement {
    private final String field;
    private final Extractor extractor;
    private final Set<String> values;

    FieldRequirement(String field, Extractor extractor, Set<String> values) {
        this.field = field;
        this.extractor = extractor;
        this.values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
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
}
