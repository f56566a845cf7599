package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Transformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /** The field name; only for a {@link Kind#FIELD}. */
    public String field() {
        return only(Kind.FIELD, name);
    }

    /** The constant's text; only for a {@link Kind#CONSTANT}. */
    public String constant() {
        return only(Kind.CONSTANT, name);
    }

    private <T> T only(Kind expected, T value) {
        if (kind != expected) {
            throw new IllegalStateException(this + " is a " + kind + ", not a " + expected);
        }
        return value;
    }

    /** The argument in brackets (of a field or a transformer) without them, or null when none was given. */
    public String arg() {
        return arg;
    }

    /** The transformer; only for a {@link Kind#TRANSFORM}. */
    public Transformer transformer() {
        return only(Kind.TRANSFORM, transformer);
    }

    /** A transformer's arguments, or a list's elements. */
    public List<ValueAccess> arguments() {
        return arguments;
    }

    /** A transformer's first argument; only for a {@link Kind#TRANSFORM}, which always has one. */
    public ValueAccess inner() {
        return only(Kind.TRANSFORM, arguments).get(0);
    }

    public int offset() {
        return offset;
    }

    /** The first field this access reads, depth first; empty when it reads none. */
    public Optional<ValueAccess> baseField() {
        List<ValueAccess> fields = fields();
        return fields.isEmpty() ? Optional.empty() : Optional.of(fields.get(0));
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
