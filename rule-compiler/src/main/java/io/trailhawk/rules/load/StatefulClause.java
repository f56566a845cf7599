package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A rule's stateful key as read from its file, checked for shape but not yet against fields or rules: one of
 * {@code suppress}, {@code threshold}, {@code distinct}, {@code sequence} and {@code first_seen}. Which parts are
 * set depends on the kind; {@link StatefulClauseReader} says which. Immutable.
 */
public final class StatefulClause {
    /** The kinds, each spelled as its rule key. */
    public enum Kind {
        SUPPRESS("suppress"),
        THRESHOLD("threshold"),
        DISTINCT("distinct"),
        SEQUENCE("sequence"),
        FIRST_SEEN("first_seen");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The rule key that gives this kind. */
        public String key() {
            return key;
        }
    }

    /** A name written in the clause, with where it is written. */
    public static final class Name {
        private final String text;
        private final SourceLocation at;

        Name(String text, SourceLocation at) {
            this.text = text;
            this.at = at;
        }

        public String text() {
            return text;
        }

        public SourceLocation at() {
            return at;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final Kind kind;
    private final SourceLocation at;
    private final List<Name> by;
    private final long windowNanos;
    private final long learnNanos;
    private final int count;
    private final Name field;
    private final List<Name> steps;

    StatefulClause(Kind kind, SourceLocation at, List<Name> by, long windowNanos, long learnNanos, int count,
            Name field, List<Name> steps) {
        this.kind = Objects.requireNonNull(kind);
        this.at = at;
        this.by = Collections.unmodifiableList(by);
        this.windowNanos = windowNanos;
        this.learnNanos = learnNanos;
        this.count = count;
        this.field = field;
        this.steps = Collections.unmodifiableList(steps);
    }

    public Kind kind() {
        return kind;
    }

    /** Where the clause's key is written. */
    public SourceLocation at() {
        return at;
    }

    /** The fields whose values make a group; empty for one group per rule. */
    public List<Name> by() {
        return by;
    }

    /** {@code for} (suppress), {@code within} (threshold, distinct, sequence) or {@code forget} (first_seen). */
    public long windowNanos() {
        return windowNanos;
    }

    /** first_seen's {@code learn}; 0 for the other kinds. */
    public long learnNanos() {
        return learnNanos;
    }

    /** threshold's and distinct's {@code count}; 0 for the other kinds. */
    public int count() {
        return count;
    }

    /** distinct's and first_seen's {@code field}; only for those kinds. */
    public Name field() {
        if (field == null) {
            throw new IllegalStateException(kind.key() + " has no field");
        }
        return field;
    }

    /** sequence's {@code steps}, rule names in order; empty for the other kinds. */
    public List<Name> steps() {
        return steps;
    }
}
