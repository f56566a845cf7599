package io.trailhawk.rules.eval;

import io.trailhawk.rules.field.Extractor;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code join}, {@code concat} and {@code getopt} do to the values of their arguments, as Falco does it. Any
 * argument without a value makes the result absent.
 */
public final class MultiValueTransformers {
    private MultiValueTransformers() {
    }

    /** {@code join(sep, (a, b, ...))}: the values in order, lists flattened, numbers in decimal. */
    public static Extractor join(Extractor separator, List<Extractor> elements) {
        return e -> {
            Object sep = separator.extract(e);
            if (!(sep instanceof String)) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (Extractor x : elements) {
                if (!flatten(x.extract(e), parts)) {
                    return null;
                }
            }
            return String.join((String) sep, parts);
        };
    }

    /** {@code join(sep, listField)}. */
    public static Extractor join(Extractor separator, Extractor list) {
        return join(separator, List.of(list));
    }

    /** {@code concat(a, b, ...)}: the string values, one after another. */
    public static Extractor concat(List<Extractor> parts) {
        return e -> {
            StringBuilder out = new StringBuilder();
            for (Extractor x : parts) {
                Object v = x.extract(e);
                if (!(v instanceof String)) {
                    return null;
                }
                out.append((String) v);
            }
            return out.toString();
        };
    }

    /**
     * {@code getopt(args, optstring)}: the options POSIX {@code getopt} finds in {@code args}, each letter followed
     * by its value when it takes one; {@code ?} for an unknown option, an empty value for a missing one. With
     * {@code option}, the value of that option's last occurrence (the letter itself for an option without value).
     */
    public static Extractor getopt(List<Extractor> args, Extractor optstring, String option) {
        return e -> {
            List<String> argv = new ArrayList<>();
            for (Extractor x : args) {
                if (!flatten(x.extract(e), argv)) {
                    return null;
                }
            }
            Object spec = optstring.extract(e);
            if (!(spec instanceof String)) {
                return null;
            }
            List<String> found = options(argv, (String) spec);
            if (option == null) {
                return found;
            }
            String last = null;
            for (int i = 0; i < found.size(); i++) {
                String letter = found.get(i);
                boolean valued = takesValue((String) spec, letter);
                if (letter.equals(option)) {
                    last = valued ? found.get(i + 1) : letter;
                }
                if (valued) {
                    i++;
                }
            }
            return last;
        };
    }

    private static List<String> options(List<String> argv, String spec) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String token = argv.get(i);
            if (token.equals("--")) {
                break;
            }
            if (token.startsWith("--")) {
                continue;
            }
            if (!token.startsWith("-") || token.length() == 1) {
                break;
            }
            for (int k = 1; k < token.length(); k++) {
                String letter = String.valueOf(token.charAt(k));
                if (token.charAt(k) == ':' || spec.replace(":", "").indexOf(token.charAt(k)) < 0) {
                    out.add("?");
                    continue;
                }
                out.add(letter);
                if (takesValue(spec, letter)) {
                    if (k + 1 < token.length()) {
                        out.add(token.substring(k + 1));
                    } else if (i + 1 < argv.size()) {
                        out.add(argv.get(++i));
                    } else {
                        out.add("");
                    }
                    break;
                }
            }
        }
        return out;
    }

    private static boolean takesValue(String spec, String letter) {
        int at = spec.indexOf(letter);
        return !letter.equals("?") && at >= 0 && at + 1 < spec.length() && spec.charAt(at + 1) == ':';
    }

    /** Adds a value's text, or each element of a list; false when there is no value. */
    private static boolean flatten(Object v, List<String> into) {
        if (v == null) {
            return false;
        }
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                into.add(String.valueOf(o));
            }
        } else if (v instanceof Long) {
            into.add(Long.toUnsignedString((Long) v));
        } else {
            into.add(String.valueOf(v));
        }
        return true;
    }
}
