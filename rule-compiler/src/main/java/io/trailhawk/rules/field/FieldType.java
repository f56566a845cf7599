package io.trailhawk.rules.field;

/** What a field extracts. Values at run time are {@code String}, {@code Long} (unsigned), {@code Boolean}, or a
 * {@code List<String>}; {@code null} always means the field is absent. */
public enum FieldType {
    STRING("string"),
    UINT64("uint64"),
    BOOL("bool"),
    STRING_LIST("list");

    private final String label;

    FieldType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
