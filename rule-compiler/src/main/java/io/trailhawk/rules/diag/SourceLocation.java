package io.trailhawk.rules.diag;

import java.util.Objects;

/** A 1-based line and column in a named rules file. */
public final class SourceLocation implements Comparable<SourceLocation> {
    private final String file;
    private final int line;
    private final int col;

    private SourceLocation(String file, int line, int col) {
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.col = col;
    }

    public static SourceLocation of(String file, int line, int col) {
        return new SourceLocation(file, Math.max(1, line), Math.max(1, col));
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int col() {
        return col;
    }

    @Override
    public int compareTo(SourceLocation o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(col, o.col);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SourceLocation)) {
            return false;
        }
        SourceLocation that = (SourceLocation) o;
        return line == that.line && col == that.col && file.equals(that.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, col);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + col;
    }
}
