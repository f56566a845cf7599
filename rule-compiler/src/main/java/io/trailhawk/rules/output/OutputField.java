package io.trailhawk.rules.output;

import io.trailhawk.rules.field.Extractor;

/** One entry of {@code output_fields}: the field as written and how to read it. */
final class OutputField {
    private final String name;
    private final Extractor extractor;

    OutputField(String name, Extractor extractor) {
        this.name = name;
        this.extractor = extractor;
    }

    public String name() {
        return name;
    }

    public Extractor extractor() {
        return extractor;
    }
}
