package io.trailhawk.rules.eval;

import io.trailhawk.rules.field.Extractor;
import io.trailhawk.rules.field.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@code tolower}, {@code toupper}, {@code b64}, {@code basename} and {@code len} over another value. */
public final class Transformers {
    private Transformers() {
    }

    /** The type a transformer yields for an input type, or null if it does not accept that type. */
    public static FieldType resultType(String transformer, FieldType input) {
        if (transformer.equals("len")) {
            return input == FieldType.STRING || input == FieldType.STRING_LIST ? FieldType.UINT64 : null;
        }
        return input == FieldType.STRING || input == FieldType.STRING_LIST ? input : null;
    }

    public static Extractor apply(String transformer, Extractor inner) {
        switch (transformer) {
            case "tolower":
                return map(inner, StringMatchers::asciiLower);
            case "toupper":
                return map(inner, StringMatchers::asciiUpper);
            case "b64":
                return map(inner, Transformers::base64Decode);
            case "basename":
                return map(inner, s -> s.substring(s.lastIndexOf('/') + 1));
            case "len":
                return e -> {
                    Object v = inner.extract(e);
                    if (v instanceof String) {
                        return StringMatchers.byteLength((String) v);
                    }
                    return v instanceof List ? (Object) (long) ((List<?>) v).size() : null;
                };
            default:
                throw new IllegalArgumentException("unknown transformer " + transformer);
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
