package io.trailhawk.rules.eval;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds {@link StringMatcher}s with Falco's byte-wise C semantics: {@code strcmp} ordering, {@code strstr},
 * ASCII-only case folding, {@code fnmatch} globs, and RE2 full-match regular expressions (linear time).
 */
public final class StringMatchers {
    private StringMatchers() {
    }

    /**
     * The matcher for {@code op rhs}. Throws {@link IllegalArgumentException} with a readable message for a bad
     * right-hand side, such as an invalid regular expression.
     */
    public static StringMatcher of(String op, String rhs) {
        switch (op) {
            case "=":
                return rhs::equals;
            case "!=":
                return v -> !rhs.equals(v);
            case "<":
                return v -> compareBytes(v, rhs) < 0;
            case "<=":
                return v -> compareBytes(v, rhs) <= 0;
            case ">":
                return v -> compareBytes(v, rhs) > 0;
            case ">=":
                return v -> compareBytes(v, rhs) >= 0;
            case "contains":
                return v -> v.contains(rhs);
            case "icontains": {
                String lower = asciiLower(rhs);
                return v -> indexOfIgnoreAsciiCase(v, lower) >= 0;
            }
            case "startswith":
                return v -> v.startsWith(rhs);
            case "endswith":
                return v -> v.endsWith(rhs);
            case "glob":
                return Glob.compile(rhs, false);
            case "iglob":
                return Glob.compile(rhs, true);
            case "regex":
                return regex(rhs);
            default:
                throw new IllegalArgumentException("operator " + op + " does not compare strings");
        }
    }

    /** {@code in}/{@code intersects} on a single value: set membership. An empty list never matches. */
    public static StringMatcher in(List<String> values) {
        Set<String> set = new HashSet<>(values);
        if (set.isEmpty()) {
            return v -> false;
        }
        return set::contains;
    }

    /** {@code pmatch}: the value is one of the paths, or below one of them, component by component. */
    public static StringMatcher pmatch(List<String> paths) {
        return PathPrefix.of(paths);
    }

    /** {@code op oneof|anyof|allof (values)}: exactly one, at least one, or every value matches. */
    public static StringMatcher modified(String op, String modifier, List<String> values) {
        if (values.isEmpty()) {
            return v -> false;
        }
        if (op.equals("=") && modifier.equals("anyof")) {
            return in(values);
        }
        List<StringMatcher> each = new ArrayList<>();
        for (String s : values) {
            each.add(of(op, s));
        }
        StringMatcher[] ms = each.toArray(new StringMatcher[0]);
        switch (modifier) {
            case "anyof":
                return v -> {
                    for (StringMatcher m : ms) {
                        if (m.matches(v)) {
                            return true;
                        }
                    }
                    return false;
                };
            case "allof":
                return v -> {
                    for (StringMatcher m : ms) {
                        if (!m.matches(v)) {
                            return false;
                        }
                    }
                    return true;
                };
            case "oneof":
                return v -> {
                    int n = 0;
                    for (StringMatcher m : ms) {
                        if (m.matches(v) && ++n > 1) {
                            return false;
                        }
                    }
                    return n == 1;
                };
            default:
                throw new IllegalArgumentException("unknown modifier " + modifier);
        }
    }

    private static StringMatcher regex(String rhs) {
        Pattern p;
        try {
            p = Pattern.compile(rhs);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + rhs + "': " + e.getDescription());
        }
        return v -> p.matches(v);
    }

    /** {@code strcmp} order: UTF-8 byte order, which is code point order. */
    public static int compareBytes(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return ca < cb ? -1 : 1;
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** {@code strcasestr} without copying: {@code lowerNeedle} must already be ASCII-lowercase. */
    static int indexOfIgnoreAsciiCase(String haystack, String lowerNeedle) {
        int n = lowerNeedle.length();
        int last = haystack.length() - n;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int k = 0; k < n; k++) {
                char c = haystack.charAt(i + k);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                if (c != lowerNeedle.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** C-locale {@code tolower}: only ASCII letters change. */
    public static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] out = s.toCharArray();
                for (int k = i; k < out.length; k++) {
                    if (out[k] >= 'A' && out[k] <= 'Z') {
                        out[k] = (char) (out[k] + 32);
                    }
                }
                return new String(out);
            }
        }
        return s;
    }

    public static String asciiUpper(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = (char) (c - 32);
            }
        }
        return out == null ? s : new String(out);
    }

    /** {@code strnlen}: the length in UTF-8 bytes. */
    public static long byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
