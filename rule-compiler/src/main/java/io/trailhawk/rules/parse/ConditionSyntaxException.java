package io.trailhawk.rules.parse;

/** A condition or output that does not follow the grammar. {@link #offset()} is where in the text it went wrong. */
public final class ConditionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public ConditionSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
