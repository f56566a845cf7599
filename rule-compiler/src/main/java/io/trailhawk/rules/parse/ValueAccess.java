package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Transformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Something a check reads: a field, optionally with an argument ({@code json.value[/a/b]}); a transformer applied
 * to its arguments ({@code tolower(ct.user)}, {@code join(",", (ct.user, ct.region))}), optionally with an
 * argument of its own ({@code getopt(...)[t]}); and, only as a transformer's argument, a constant or a
 * parenthesised list. Used on the left of a check, on the right after {@code val(} or as a transformer, and in
 * outputs.
 */
public final class ValueAccess {
    /** What the access is. */
    public enum Kind {
        FIELD, TRANSFORM, CONSTANT, LIST
    }

    private final Kind kind;
    private final String name;
    private final String arg;
    private final Transformer transformer;
    private final List<ValueAccess> arguments;
    private final int offset;

    private ValueAccess(Kind kind, String name, String arg, Transformer transformer, List<ValueAccess> arguments,
            int offset) {
        this.kind = kind;
        this.name = name;
        this.arg = arg;
        this.transformer = transformer;
        this.arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
        this.offset = offset;
    }

    public static ValueAccess field(String name, String arg, int offset) {
        return new ValueAccess(Kind.FIELD, Objects.requireNonNull(name), arg, null, List.of(), offset);
    }

    public static ValueAccess transform(Transformer transformer, ValueAccess inner, int offset) {
        return transform(transformer, List.of(inner), null, offset);
    }

    public static ValueAccess transform(Transformer transformer, List<ValueAccess> arguments, String arg,
            int offset) {
        return new ValueAccess(Kind.TRANSFORM, null, arg, Objects.requireNonNull(transformer), arguments, offset);
    }

    public static ValueAccess constant(String value, int offset) {
        return new ValueAccess(Kind.CONSTANT, Objects.requireNonNull(value), null, null, List.of(), offset);
    }

    public static ValueAccess list(List<ValueAccess> elements, int offset) {
        return new ValueAccess(Kind.LIST, null, null, null, elements, offset);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransform() {
        return kind == Kind.TRANSFORM;
    }

    public boolean isField() {
        return kind == Kind.FIELD;
    }

    /** The field name, or null when this is not a field. */
    public String field() {
        return kind == Kind.FIELD ? name : null;
    }

    /** The constant's text, or null when this is not a constant. */
    public String constant() {
        return kind == Kind.CONSTANT ? name : null;
    }

    /** The argument in brackets (of a field or a transformer) without them, or null when none was given. */
    public String arg() {
        return arg;
    }

    public Transformer transformer() {
        return transformer;
    }

    /** A transformer's arguments, or a list's elements. */
    public List<ValueAccess> arguments() {
        return arguments;
    }

    /** A transformer's first argument. */
    public ValueAccess inner() {
        return arguments.isEmpty() ? null : arguments.get(0);
    }

    public int offset() {
        return offset;
    }

    /** The first field this access reads, depth first, or null when it reads none. */
    public ValueAccess baseField() {
        List<ValueAccess> fields = fields();
        return fields.isEmpty() ? null : fields.get(0);
    }

    /** Every field this access reads, depth first. */
    public List<ValueAccess> fields() {
        List<ValueAccess> out = new ArrayList<>();
        collectFields(out);
        return out;
    }

    private void collectFields(List<ValueAccess> out) {
        if (kind == Kind.FIELD) {
            out.add(this);
        }
        for (ValueAccess a : arguments) {
            a.collectFields(out);
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case FIELD:
                return arg == null ? name : name + "[" + arg + "]";
            case CONSTANT:
                return name;
            case LIST: {
                List<String> parts = new ArrayList<>();
                arguments.forEach(a -> parts.add(a.toString()));
                return "(" + String.join(", ", parts) + ")";
            }
            default: {
                List<String> parts = new ArrayList<>();
                arguments.forEach(a -> parts.add(a.toString()));
                return transformer.spelling() + "(" + String.join(", ", parts) + ")" + (arg == null ? ""
                        : "[" + arg + "]");
            }
        }
    }
}
