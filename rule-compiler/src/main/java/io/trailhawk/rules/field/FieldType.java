package io.trailhawk.rules.field;

/** What a field extracts. Values at run time are {@code String}, {@code Long} (unsigned), {@code Boolean}, or a
 * {@code List<String>}; {@code null} always means the field is absent. */
public enum FieldType {
    STRING("string", "CHARBUF", "string"),
    UINT64("uint64", "UINT64", "numeric"),
    BOOL("bool", "BOOL", "bool"),
    STRING_LIST("list", "CHARBUF (list)", "list");

    private final String label;
    private final String falcoName;
    private final String filterKind;

    FieldType(String label, String falcoName, String filterKind) {
        this.label = label;
        this.falcoName = falcoName;
        this.filterKind = filterKind;
    }

    public String label() {
        return label;
    }

    /** The type as Falco names it in messages ({@code CHARBUF}, {@code UINT64}, {@code CHARBUF (list)}). */
    public String falcoName() {
        return falcoName;
    }

    /**
     * Why Falco refuses an operator on this type: {@code 'contains' operator not supported for numeric filters}
     * (and, for lists, without the "for", as Falco writes it).
     */
    public String operatorNotSupported(String operator) {
        return "'" + operator + "' operator not supported " + (this == STRING_LIST ? "" : "for ") + filterKind
                + " filters";
    }
}
