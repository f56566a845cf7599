package io.trailhawk.control;

/**
 * What a control record is. Rule files are keyed by their file name; every other kind by a prefix of its own and a
 * name, so that all kinds share one compacted topic and no key of one kind can be another's: a rule file name
 * cannot hold a {@code /}.
 */
public enum DocumentKind {
    /** A Falco rules file; key: the file name. */
    RULES("rules", ""),
    /** Rules turned on and off by name or tag, as Falco's {@code rules:} selection; key: {@code selection/NAME}. */
    SELECTION("selection", "selection/"),
    /** Account ids with the names alerts give them; key: {@code accounts/FILE NAME}. */
    ACCOUNTS("accounts", "accounts/"),
    /** A rule in shadow made live; key: {@code promotion/RULE NAME}, value empty. */
    PROMOTION("promotion", "promotion/"),
    /** A return to an earlier ruleset version; key: {@code rollback/VERSION}, value its file hashes as JSON. */
    ROLLBACK("rollback", "rollback/");

    private final String header;
    private final String keyPrefix;

    DocumentKind(String header, String keyPrefix) {
        this.header = header;
        this.keyPrefix = keyPrefix;
    }

    /** The value of {@link ControlRecord#KIND_HEADER}. */
    public String header() {
        return header;
    }

    /** The record key of the document {@code name} of this kind. */
    public String key(String name) {
        return keyPrefix + name;
    }

    /** The document's name within its kind: the key without the kind's prefix. */
    public String nameOf(String key) {
        return key.substring(keyPrefix.length());
    }

    /** The kind a header names, or null when it names none. */
    public static DocumentKind ofHeader(String value) {
        for (DocumentKind k : values()) {
            if (k.header.equals(value)) {
                return k;
            }
        }
        return null;
    }

    /** The kind a record key belongs to: the one whose prefix it starts with, or else {@link #RULES}. */
    public static DocumentKind ofKey(String key) {
        for (DocumentKind k : values()) {
            if (!k.keyPrefix.isEmpty() && key.startsWith(k.keyPrefix)) {
                return k;
            }
        }
        return RULES;
    }

    /** The known kinds' headers, for messages. */
    public static String known() {
        StringBuilder b = new StringBuilder();
        for (DocumentKind k : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(k.header);
        }
        return b.toString();
    }
}
