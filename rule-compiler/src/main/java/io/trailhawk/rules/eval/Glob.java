package io.trailhawk.rules.eval;

/**
 * {@code fnmatch(pattern, value, 0)} (or with {@code FNM_CASEFOLD}): {@code *} matches any run of characters,
 * including {@code /}; {@code ?} one character; {@code [...]} a class with {@code !}/{@code ^} negation and ranges;
 * a backslash quotes the next character. Matching backtracks only to the last star, so it is O(n*m) at worst.
 */
final class Glob implements StringMatcher {
    private final String pattern;
    private final boolean caseFold;

    private Glob(String pattern, boolean caseFold) {
        this.pattern = caseFold ? StringMatchers.asciiLower(pattern) : pattern;
        this.caseFold = caseFold;
    }

    public static Glob compile(String pattern, boolean caseFold) {
        return new Glob(pattern, caseFold);
    }

    @Override
    public boolean matches(String value) {
        return match(pattern, caseFold ? StringMatchers.asciiLower(value) : value);
    }

    static boolean match(String p, String s) {
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = -1;
        while (si < s.length()) {
            if (pi < p.length()) {
                char c = p.charAt(pi);
                if (c == '*') {
                    starP = ++pi;
                    starS = si;
                    continue;
                }
                int consumed = matchOne(p, pi, s.charAt(si));
                if (consumed > 0) {
                    pi += consumed;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP;
            si = ++starS;
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** How many pattern characters matched {@code ch} at {@code pi}, or 0 for no match. */
    private static int matchOne(String p, int pi, char ch) {
        char c = p.charAt(pi);
        switch (c) {
            case '?':
                return 1;
            case '\\':
                if (pi + 1 < p.length()) {
                    return p.charAt(pi + 1) == ch ? 2 : 0;
                }
                return ch == '\\' ? 1 : 0;
            case '[': {
                int end = classEnd(p, pi);
                if (end < 0) {
                    return ch == '[' ? 1 : 0;
                }
                return matchClass(p, pi + 1, end, ch) ? end - pi + 1 : 0;
            }
            default:
                return c == ch ? 1 : 0;
        }
    }

    /** The index of the {@code ]} closing the class opened at {@code open}, or -1 if it is not closed. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            if (p.charAt(i) == '\\') {
                i++;
            }
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean matchClass(String p, int from, int end, char ch) {
        boolean negate = false;
        int i = from;
        if (p.charAt(i) == '!' || p.charAt(i) == '^') {
            negate = true;
            i++;
        }
        boolean found = false;
        boolean first = true;
        while (i < end) {
            char lo = p.charAt(i);
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (lo == '\\' && i + 1 < end) {
                lo = p.charAt(++i);
            }
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                char hi = p.charAt(i + 2);
                if (hi == '\\' && i + 3 < end) {
                    hi = p.charAt(i + 3);
                    i++;
                }
                if (ch >= lo && ch <= hi) {
                    found = true;
                }
                i += 3;
            } else {
                if (ch == lo) {
                    found = true;
                }
                i++;
            }
        }
        return found != negate;
    }

    @Override
    public String toString() {
        return (caseFold ? "iglob " : "glob ") + pattern;
    }
}
