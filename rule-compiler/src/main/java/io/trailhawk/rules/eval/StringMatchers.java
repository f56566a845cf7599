package io.trailhawk.rules.eval;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The string semantics {@link Operator} builds on, with Falco's byte-wise C meaning: {@code strcmp} ordering,
 * {@code strstr}, ASCII-only case folding, and RE2 full-match regular expressions (linear time); and the
 * {@code oneof}/{@code anyof}/{@code allof} modifiers over an operator.
 */
public final class StringMatchers {
    /** RE2/J's descriptions of a bad pattern, as RE2 itself (which Falco uses) words them. */
    private static final java.util.Map<String, String> RE2_TEXT = java.util.Map.of(
            "missing closing )", "missing )",
            "missing closing ]", "missing ]",
            "missing argument to repetition operator", "no argument for repetition operator",
            "invalid nested repetition operator", "bad repetition operator",
            "invalid repeat count", "bad repetition operator",
            "invalid or unsupported Perl syntax", "invalid perl operator",
            "invalid named capture", "invalid named capture group",
            "trailing backslash at end of expression", "trailing \\");

    private StringMatchers() {
    }

    /** {@code op oneof|anyof|allof (values)}: exactly one, at least one, or every value matches. */
    public static StringMatcher modified(Operator op, Operator.Modifier modifier, List<String> values) {
        if (values.isEmpty()) {
            return v -> false;
        }
        if (op == Operator.EQ && modifier == Operator.Modifier.ANYOF) {
            return Operator.IN.listMatcher(values);
        }
        List<StringMatcher> each = new ArrayList<>();
        for (String s : values) {
            each.add(op.matcher(s));
        }
        StringMatcher[] ms = each.toArray(new StringMatcher[0]);
        switch (modifier) {
            case ANYOF:
                return v -> {
                    for (StringMatcher m : ms) {
                        if (m.matches(v)) {
                            return true;
                        }
                    }
                    return false;
                };
            case ALLOF:
                return v -> {
                    for (StringMatcher m : ms) {
                        if (!m.matches(v)) {
                            return false;
                        }
                    }
                    return true;
                };
            case ONEOF:
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

    /**
     * A full-match RE2 pattern with the POSIX syntax Falco compiles regular expressions with: Perl's classes and
     * word boundaries ({@code \d}, {@code \w}, {@code \b}, ...), Unicode groups, {@code \A}/{@code \z} and
     * {@code (?...)} groups are refused, as Falco refuses them.
     */
    static StringMatcher regex(String rhs) {
        for (int i = 0; i + 1 < rhs.length(); i++) {
            char c = rhs.charAt(i);
            if (c == '\\') {
                char e = rhs.charAt(++i);
                if ("dDwWsSbBpPAzCQE".indexOf(e) >= 0) {
                    throw new IllegalArgumentException("invalid regex pattern: invalid escape sequence: \\" + e);
                }
            } else if (c == '(' && rhs.charAt(i + 1) == '?') {
                throw new IllegalArgumentException("invalid regex pattern: no argument for repetition operator: ?");
            }
        }
        Pattern p;
        try {
            // POSIX syntax without one-line mode: ^ and $ also match at line breaks inside the value.
            p = Pattern.compile(rhs, Pattern.MULTILINE);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex pattern: " + RE2_TEXT.getOrDefault(e.getDescription(),
                    e.getDescription()) + ": " + rhs);
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
