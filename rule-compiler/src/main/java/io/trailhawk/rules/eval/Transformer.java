package io.trailhawk.rules.eval;

import io.trailhawk.rules.field.Extractor;
import io.trailhawk.rules.field.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every transformer of the condition language, in one place: its spelling, the types it takes and yields, and
 * what it does to a value. A single-value transformer of a list applies to each element; the multi-value ones
 * ({@code join}, {@code concat}, {@code getopt}) take several arguments, checked and built by
 * {@link MultiValueTransformers}.
 */
public enum Transformer {
    TOLOWER("tolower", false),
    TOUPPER("toupper", false),
    B64("b64", false),
    BASENAME("basename", false),
    LEN("len", false),
    JOIN("join", true),
    CONCAT("concat", true),
    GETOPT("getopt", true);

    private final String spelling;
    private final boolean multiValue;

    Transformer(String spelling, boolean multiValue) {
        this.spelling = spelling;
        this.multiValue = multiValue;
    }

    public String spelling() {
        return spelling;
    }

    /** Whether it takes several arguments rather than one value. */
    public boolean isMultiValue() {
        return multiValue;
    }

    /** The transformer spelled {@code word}, or null. */
    public static Transformer bySpelling(String word) {
        for (Transformer t : values()) {
            if (t.spelling.equals(word)) {
                return t;
            }
        }
        return null;
    }

    /** The type this yields for an input type, or null if it does not accept that type. */
    public FieldType resultType(FieldType input) {
        if (input != FieldType.STRING && input != FieldType.STRING_LIST) {
            return null;
        }
        return this == LEN ? FieldType.UINT64 : input;
    }

    /** A single-value transformer applied to its one argument. */
    public Extractor apply(Extractor inner) {
        switch (this) {
            case TOLOWER:
                return map(inner, StringMatchers::asciiLower);
            case TOUPPER:
                return map(inner, StringMatchers::asciiUpper);
            case B64:
                return map(inner, Transformer::base64Decode);
            case BASENAME:
                return map(inner, s -> s.substring(s.lastIndexOf('/') + 1));
            case LEN:
                return e -> {
                    Object v = inner.extract(e);
                    if (v instanceof String) {
                        return StringMatchers.byteLength((String) v);
                    }
                    return v instanceof List ? (Object) (long) ((List<?>) v).size() : null;
                };
            default:
                throw new IllegalStateException(spelling + " takes several arguments");
        }
    }

    private static Extractor map(Extractor inner, UnaryOperator<String> f) {
        return e -> {
            Object v = inner.extract(e);
            if (v instanceof String) {
                return f.apply((String) v);
            }
            if (v instanceof List) {
                List<String> out = new ArrayList<>();
                for (Object o : (List<?>) v) {
                    String t = f.apply((String) o);
                    if (t == null) {
                        return null;
                    }
                    out.add(t);
                }
                return out;
            }
            return null;
        };
    }

    /** Base64 decoding with or without padding; a value that does not decode is absent. */
    private static String base64Decode(String s) {
        String t = s.trim();
        while (t.endsWith("=")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return new String(Base64.getDecoder().decode(pad(t)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String pad(String t) {
        switch (t.length() % 4) {
            case 2: return t + "==";
            case 3: return t + "=";
            default: return t;
        }
    }
}
