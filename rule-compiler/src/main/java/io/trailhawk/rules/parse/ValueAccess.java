package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Transformer;
import java.util.Objects;

/**
 * A field, optionally with an argument ({@code json.value[/a/b]}), or a transformer applied to another access
 * ({@code tolower(ct.user)}). Used on the left of a check, after {@code val(} on the right, and in outputs.
 */
public final class ValueAccess {
    private final String field;
    private final String arg;
    private final Transformer transformer;
    private final ValueAccess inner;
    private final int offset;

    private ValueAccess(String field, String arg, Transformer transformer, ValueAccess inner, int offset) {
        this.field = field;
        this.arg = arg;
        this.transformer = transformer;
        this.inner = inner;
        this.offset = offset;
    }

    public static ValueAccess field(String name, String arg, int offset) {
        return new ValueAccess(Objects.requireNonNull(name), arg, null, null, offset);
    }

    public static ValueAccess transform(Transformer transformer, ValueAccess inner, int offset) {
        return new ValueAccess(null, null, Objects.requireNonNull(transformer), Objects.requireNonNull(inner), offset);
    }

    public boolean isTransform() {
        return transformer != null;
    }

    /** The field name, or null for a transformer. */
    public String field() {
        return field;
    }

    /** The field argument without brackets, or null when none was given. */
    public String arg() {
        return arg;
    }

    public Transformer transformer() {
        return transformer;
    }

    public ValueAccess inner() {
        return inner;
    }

    public int offset() {
        return offset;
    }

    /** The innermost field this access reads. */
    public ValueAccess baseField() {
        ValueAccess a = this;
        while (a.isTransform()) {
            a = a.inner;
        }
        return a;
    }

    @Override
    public String toString() {
        if (isTransform()) {
            return transformer.spelling() + "(" + inner + ")";
        }
        return arg == null ? field : field + "[" + arg + "]";
    }
}
