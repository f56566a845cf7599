package io.trailhawk.rules.field;

import java.util.Objects;

/** A field use with its argument resolved: the type it yields and the extractor that reads it. */
public final class ResolvedField {
    private final FieldDefinition definition;
    private final String arg;
    private final FieldType type;
    private final Extractor extractor;

    ResolvedField(FieldDefinition definition, String arg, FieldType type, Extractor extractor) {
        this.definition = definition;
        this.arg = arg;
        this.type = type;
        this.extractor = extractor;
    }

    FieldDefinition definition() {
        return definition;
    }

    public String arg() {
        return arg;
    }

    public FieldType type() {
        return type;
    }

    public Extractor extractor() {
        return extractor;
    }

    /** The record paths this field reads; see {@link io.trailhawk.rules.json.Projection}. */
    public java.util.List<String[]> reads() {
        return definition.reads(arg);
    }

    /** The field as written in rules: {@code name} or {@code name[arg]}. */
    public String displayName() {
        return arg == null ? definition.name() : definition.name() + "[" + arg + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvedField && displayName().equals(((ResolvedField) o).displayName());
    }

    @Override
    public int hashCode() {
        return Objects.hash(displayName());
    }
}
