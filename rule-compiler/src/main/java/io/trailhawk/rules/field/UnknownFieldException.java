package io.trailhawk.rules.field;

/** A field name or argument that the registry cannot resolve. */
public final class UnknownFieldException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownFieldException(String message) {
        super(message);
    }
}
