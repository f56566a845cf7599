package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.Arrays;

/**
 * Text that remembers where in a rules file each character came from. Conditions are built by appending, by
 * exceptions and by list substitution; errors found at an offset still point into the right file and line.
 *
 * <p>Positions are kept as a table of runs, not one location per character: a run starts at an offset of the text
 * and at a location, and either stays there (generated text) or moves one column per character (text copied from
 * one line of a file). A condition copied from a file takes one run per source line.
 */
public final class PositionedText {
    private final String text;
    private final int[] runStarts;
    private final SourceLocation[] runLocations;
    private final boolean[] runAdvances;

    private PositionedText(String text, int[] runStarts, SourceLocation[] runLocations, boolean[] runAdvances) {
        this.text = text;
        this.runStarts = runStarts;
        this.runLocations = runLocations;
        this.runAdvances = runAdvances;
    }

    /** Text whose every character is attributed to one location (generated text). */
    public static PositionedText of(String text, SourceLocation location) {
        return new PositionedText(text, new int[] {0}, new SourceLocation[] {location}, new boolean[] {false});
    }

    public String text() {
        return text;
    }

    /** Where the character at {@code offset} came from; offsets outside the text take the nearest character's. */
    public SourceLocation locationOf(int offset) {
        int at = Math.max(0, Math.min(offset, text.length() - 1));
        int run = Arrays.binarySearch(runStarts, at);
        if (run < 0) {
            run = -run - 2;
        }
        return at(runLocations[run], runAdvances[run], at - runStarts[run]);
    }

    public SourceLocation start() {
        return runLocations[0];
    }

    /** The location {@code into} characters into a run that starts at {@code first}. */
    private static SourceLocation at(SourceLocation first, boolean advances, int into) {
        return advances && into > 0 ? SourceLocation.of(first.file(), first.line(), first.col() + into) : first;
    }

    /** How many runs the position table holds. */
    int runCount() {
        return runStarts.length;
    }

    public PositionedText append(String separator, PositionedText other) {
        return new Builder().append(this, 0, text.length()).append(separator, other.start())
                .append(other, 0, other.text.length()).build(start());
    }

    /** Wraps in parentheses; the parentheses point at the text's start and end. */
    public PositionedText parenthesised() {
        return new Builder().append("(", start()).append(this, 0, text.length())
                .append(")", locationOf(text.length() - 1)).build(start());
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
        return new Builder().append(this, a, b).build(locationOf(a));
    }

    /** Replaces {@code [from, to)} with {@code replacement}, all of it attributed to the replaced text's start. */
    PositionedText replace(int from, int to, String replacement) {
        SourceLocation here = locationOf(from);
        return new Builder().append(this, 0, from).append(replacement, here)
                .append(this, to, text.length()).build(here);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Builds a text from characters and copied pieces, merging positions into runs as it goes. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private int[] starts = new int[8];
        private SourceLocation[] locations = new SourceLocation[8];
        private boolean[] advances = new boolean[8];
        private int runs;

        int length() {
            return text.length();
        }

        char charAt(int i) {
            return text.charAt(i);
        }

        Builder append(char c, SourceLocation at) {
            int offset = text.length();
            text.append(c);
            if (runs > 0) {
                int last = runs - 1;
                SourceLocation first = locations[last];
                int into = offset - starts[last];
                boolean sameLine = first.file().equals(at.file()) && first.line() == at.line();
                boolean single = into == 1;
                if (sameLine && at.col() == first.col() + into && (advances[last] || single)) {
                    advances[last] = true;
                    return this;
                }
                if (sameLine && at.col() == first.col() && !advances[last]) {
                    return this;
                }
            }
            addRun(offset, at, false);
            return this;
        }

        /** Appends generated text, every character at {@code at}. */
        Builder append(String s, SourceLocation at) {
            if (s.isEmpty()) {
                return this;
            }
            int offset = text.length();
            text.append(s);
            if (runs == 0 || advances[runs - 1] || !locations[runs - 1].equals(at)) {
                addRun(offset, at, false);
            }
            return this;
        }

        /** Appends {@code [from, to)} of {@code source} with its positions. */
        Builder append(PositionedText source, int from, int to) {
            int i = from;
            while (i < to) {
                int run = Arrays.binarySearch(source.runStarts, i);
                if (run < 0) {
                    run = -run - 2;
                }
                int runEnd = run + 1 < source.runStarts.length ? source.runStarts[run + 1] : source.text.length();
                int end = Math.min(to, runEnd);
                if (source.runAdvances[run]) {
                    addRun(text.length(), source.locationOf(i), true);
                    text.append(source.text, i, end);
                } else {
                    append(source.text.substring(i, end), source.runLocations[run]);
                }
                i = end;
            }
            return this;
        }

        /** Removes the last character; returns where it came from. */
        SourceLocation deleteLast() {
            int offset = text.length() - 1;
            SourceLocation at = locationAt(offset);
            text.setLength(offset);
            if (starts[runs - 1] == offset) {
                runs--;
            }
            return at;
        }

        private SourceLocation locationAt(int offset) {
            int run = runs - 1;
            while (starts[run] > offset) {
                run--;
            }
            return at(locations[run], advances[run], offset - starts[run]);
        }

        private void addRun(int offset, SourceLocation at, boolean advancing) {
            if (runs > 0 && starts[runs - 1] == offset) {
                runs--;
            }
            if (runs == starts.length) {
                starts = Arrays.copyOf(starts, runs * 2);
                locations = Arrays.copyOf(locations, runs * 2);
                advances = Arrays.copyOf(advances, runs * 2);
            }
            starts[runs] = offset;
            locations[runs] = at;
            advances[runs] = advancing;
            runs++;
        }

        /** The text; {@code ifEmpty} is the position of an empty one. */
        PositionedText build(SourceLocation ifEmpty) {
            if (runs == 0) {
                return PositionedText.of(text.toString(), ifEmpty);
            }
            return new PositionedText(text.toString(), Arrays.copyOf(starts, runs), Arrays.copyOf(locations, runs),
                    Arrays.copyOf(advances, runs));
        }
    }
}
