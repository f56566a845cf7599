package io.trailhawk.rules.diag;

import java.util.Objects;

/**
 * One load or compile finding. Renders as {@code FILE:LINE:COL: error: rule 'X': message}, the form editors and
 * scripts understand.
 */
public final class Issue {
    public enum Severity {
        ERROR,
        WARNING;

        String label() {
            return this == ERROR ? "error" : "warning";
        }
    }

    private final Severity severity;
    private final SourceLocation location;
    private final String item;
    private final String message;

    private Issue(Severity severity, SourceLocation location, String item, String message) {
        this.severity = Objects.requireNonNull(severity);
        this.location = Objects.requireNonNull(location);
        this.item = item;
        this.message = Objects.requireNonNull(message);
    }

    public static Issue error(SourceLocation location, String item, String message) {
        return new Issue(Severity.ERROR, location, item, message);
    }

    public static Issue warning(SourceLocation location, String item, String message) {
        return new Issue(Severity.WARNING, location, item, message);
    }

    public Severity severity() {
        return severity;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public SourceLocation location() {
        return location;
    }

    /** The item the issue belongs to, such as {@code rule 'Foo'}, or null for file-level issues. */
    public String item() {
        return item;
    }

    public String message() {
        return message;
    }

    /** The message with the item named, without the location. */
    public String describe() {
        return severity.label() + ": " + (item == null ? "" : item + ": ") + message;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Issue)) {
            return false;
        }
        Issue that = (Issue) o;
        return severity == that.severity && location.equals(that.location) && Objects.equals(item, that.item)
                && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(severity, location, item, message);
    }

    @Override
    public String toString() {
        return location + ": " + describe();
    }
}
