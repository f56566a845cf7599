package io.trailhawk.rules.field;

import java.util.List;
import java.util.function.Function;

/** A registered field: its name, type, argument rules and how to build its extractor for a given argument. */
final class FieldDefinition {
    private final String name;
    private final FieldType type;
    private final ArgMode argMode;
    private final String description;
    private final Function<String, Extractor> factory;
    private final Function<String, List<String[]>> reads;

    FieldDefinition(String name, FieldType type, ArgMode argMode, String description,
            Function<String, Extractor> factory, Function<String, List<String[]>> reads) {
        this.name = name;
        this.type = type;
        this.argMode = argMode;
        this.description = description;
        this.factory = factory;
        this.reads = reads;
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public ArgMode argMode() {
        return argMode;
    }

    public String description() {
        return description;
    }

    Extractor extractor(String arg) {
        return factory.apply(arg);
    }

    /**
     * The parts of a record the field reads for an argument: each a path of member names below the record root,
     * meaning that whole subtree; an empty path means the whole record.
     */
    List<String[]> reads(String arg) {
        return reads.apply(arg);
    }
}
