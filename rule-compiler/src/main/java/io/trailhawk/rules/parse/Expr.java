package io.trailhawk.rules.parse;

/** An immutable node of a parsed condition. {@link #offset()} is the character offset in the condition text. */
public abstract class Expr {
    public enum Kind {
        AND,
        OR,
        NOT,
        CHECK,
        MACRO_REF
    }

    private final int offset;

    Expr(int offset) {
        this.offset = offset;
    }

    public abstract Kind kind();

    public int offset() {
        return offset;
    }
}
