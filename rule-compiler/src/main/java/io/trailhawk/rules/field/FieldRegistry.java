package io.trailhawk.rules.field;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every field a condition or output may use: the cloudtrail plugin's fields, the generic {@code evt.*} fields of
 * plugin events, and the json plugin's fields with their legacy {@code jevt.*} aliases.
 */
public final class FieldRegistry {
    /** What {@code evt.hostname} gives when no host name is set. */
    public static final String DEFAULT_HOSTNAME = "localhost";
    private static final FieldRegistry DEFAULT = build(DEFAULT_HOSTNAME);

    private final Map<String, FieldDefinition> fields;

    private FieldRegistry(Map<String, FieldDefinition> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** The standard fields, with {@code evt.hostname} giving {@link #DEFAULT_HOSTNAME}. */
    public static FieldRegistry standard() {
        return DEFAULT;
    }

    /** The standard fields, with {@code evt.hostname} giving {@code hostname}. */
    public static FieldRegistry standard(String hostname) {
        return hostname.equals(DEFAULT_HOSTNAME) ? DEFAULT : build(hostname);
    }

    private static FieldRegistry build(String hostname) {
        Map<String, FieldDefinition> m = new LinkedHashMap<>();
        for (FieldDefinition d : CloudTrailFields.definitions()) {
            m.put(d.name(), d);
        }
        for (FieldDefinition d : EventFields.definitions(hostname)) {
            m.put(d.name(), d);
        }
        for (FieldDefinition d : JsonFields.definitions()) {
            m.put(d.name(), d);
        }
        return new FieldRegistry(m);
    }

    public boolean isField(String name) {
        return fields.containsKey(name);
    }

    /** Resolves {@code name[arg]} (arg may be null) exactly as the libs field lookup does: the name must match. */
    public ResolvedField resolve(String name, String arg) throws UnknownFieldException {
        FieldDefinition d = fields.get(name);
        if (d == null) {
            throw new UnknownFieldException("filter_check called with nonexistent field " + name);
        }
        switch (d.argMode()) {
            case NONE:
                if (arg != null) {
                    throw new UnknownFieldException("filter '" + name + "[" + arg + "]': " + name
                            + " does not allow nor require an argument but one is provided: " + arg);
                }
                return new ResolvedField(d, null, d.type(), d.extractor(null));
            case REQUIRED_KEY:
                if (arg == null) {
                    throw new UnknownFieldException("filter '" + name + "': " + name
                            + " requires an argument but none provided");
                }
                return new ResolvedField(d, arg, d.type(), d.extractor(arg));
            case OPTIONAL_INDEX:
                if (arg == null) {
                    return new ResolvedField(d, null, d.type(), d.extractor(null));
                }
                if (!arg.matches("[0-9]+")) {
                    throw new UnknownFieldException("field " + name + " needs a numeric index argument, not '" + arg + "'");
                }
                // An indexed list field yields the one element.
                return new ResolvedField(d, arg, FieldType.STRING, d.extractor(arg));
            default:
                throw new IllegalStateException();
        }
    }
}
