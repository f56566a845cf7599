package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.Arrays;

/**
 * Text that remembers, for each character, where in a rules file it came from. Conditions are built by appending,
 * by exceptions and by list substitution; errors found at an offset still point into the right file and line.
 */
public final class PositionedText {
    private final String text;
    private final SourceLocation[] at;

    private PositionedText(String text, SourceLocation[] at) {
        this.text = text;
        this.at = at;
    }

    /** Text whose every character is attributed to one location (generated text). */
    public static PositionedText of(String text, SourceLocation location) {
        SourceLocation[] at = new SourceLocation[Math.max(1, text.length())];
        Arrays.fill(at, location);
        return new PositionedText(text, at);
    }

    static PositionedText of(String text, SourceLocation[] at) {
        if (at.length < Math.max(1, text.length())) {
            throw new IllegalArgumentException("locations do not cover the text");
        }
        return new PositionedText(text, at);
    }

    public String text() {
        return text;
    }

    public SourceLocation locationOf(int offset) {
        if (offset < 0) {
            return at[0];
        }
        return at[Math.min(offset, at.length - 1)];
    }

    public SourceLocation start() {
        return at[0];
    }

    public PositionedText append(String separator, PositionedText other) {
        String t = text + separator + other.text;
        SourceLocation[] a = new SourceLocation[Math.max(1, t.length())];
        System.arraycopy(at, 0, a, 0, Math.min(text.length(), at.length));
        for (int i = text.length(); i < text.length() + separator.length(); i++) {
            a[i] = other.start();
        }
        System.arraycopy(other.at, 0, a, text.length() + separator.length(), other.text.length());
        if (t.isEmpty()) {
            a[0] = at[0];
        }
        return new PositionedText(t, a);
    }

    /** Wraps in parentheses; the parentheses point at the text's start. */
    public PositionedText parenthesised() {
        return PositionedText.of("(", start()).append("", this).append("", PositionedText.of(")", locationOf(text.length() - 1)));
    }

    PositionedText trim() {
        int a = 0;
        int b = text.length();
        while (a < b && Character.isWhitespace(text.charAt(a))) {
            a++;
        }
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        if (a == 0 && b == text.length()) {
            return this;
        }
        SourceLocation[] sub = b > a ? Arrays.copyOfRange(at, a, b) : new SourceLocation[] {locationOf(a)};
        return new PositionedText(text.substring(a, b), sub);
    }

    /** Replaces {@code [from, to)} with {@code replacement}, all of it attributed to the replaced text's start. */
    PositionedText replace(int from, int to, String replacement) {
        String t = text.substring(0, from) + replacement + text.substring(to);
        SourceLocation[] a = new SourceLocation[Math.max(1, t.length())];
        System.arraycopy(at, 0, a, 0, from);
        SourceLocation here = locationOf(from);
        for (int i = 0; i < replacement.length(); i++) {
            a[from + i] = here;
        }
        System.arraycopy(at, Math.min(to, at.length), a, from + replacement.length(),
                Math.max(0, Math.min(text.length() - to, at.length - to)));
        if (t.isEmpty()) {
            a[0] = here;
        }
        return new PositionedText(t, a);
    }

    @Override
    public String toString() {
        return text;
    }
}
