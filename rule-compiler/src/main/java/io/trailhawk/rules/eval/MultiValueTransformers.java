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
     * by its value when it takes one; {@code ?} for an unknown option, an empty string alone for a missing value. With
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
            List<Option> found = options(argv, (String) spec);
            if (option == null) {
                List<String> out = new ArrayList<>();
                for (Option o : found) {
                    // An option's letter and its value; a missing value is an empty string alone.
                    if (!o.missing) {
                        out.add(o.letter);
                    }
                    if (o.value != null) {
                        out.add(o.value);
                    }
                }
                return out;
            }
            String last = null;
            for (Option o : found) {
                if (o.letter.equals(option)) {
                    last = o.value == null ? o.letter : o.value;
                }
            }
            return last;
        };
    }

    /** An option found: its letter ({@code ?} when unknown) and its value, or null for one that takes none. */
    private static final class Option {
        final String letter;
        final String value;
        final boolean missing;

        Option(String letter, String value, boolean missing) {
            this.letter = letter;
            this.value = value;
            this.missing = missing;
        }
    }

    private static List<Option> options(List<String> argv, String spec) {
        List<Option> out = new ArrayList<>();
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
                    out.add(new Option("?", null, false));
                    continue;
                }
                if (!takesValue(spec, letter)) {
                    out.add(new Option(letter, null, false));
                    continue;
                }
                if (k + 1 < token.length()) {
                    out.add(new Option(letter, token.substring(k + 1), false));
                } else if (i + 1 < argv.size()) {
                    out.add(new Option(letter, argv.get(++i), false));
                } else {
                    out.add(new Option(letter, "", true));
                }
                break;
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
