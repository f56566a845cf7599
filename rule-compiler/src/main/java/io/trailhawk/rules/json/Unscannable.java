package io.trailhawk.rules.json;

/**
 * The bytes are not what the byte-level reader handles (escaped keys, something other than one object, or invalid
 * JSON); the caller falls back to Jackson, which decides whether they are valid and says what is wrong. Thrown
 * without a stack trace: it is control flow.
 */
public final class Unscannable extends Exception {
    private static final long serialVersionUID = 1L;
    static final Unscannable INSTANCE = new Unscannable();

    private Unscannable() {
        super(null, null, false, false);
    }
}
