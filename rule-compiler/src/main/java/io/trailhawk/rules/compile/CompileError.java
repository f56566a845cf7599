package io.trailhawk.rules.compile;

/** A problem found while compiling one condition; carries the offset in the text it was found in. */
final class CompileError extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;
    final boolean unknownField;

    CompileError(String message, int offset, boolean unknownField) {
        super(message);
        this.offset = offset;
        this.unknownField = unknownField;
    }
}
