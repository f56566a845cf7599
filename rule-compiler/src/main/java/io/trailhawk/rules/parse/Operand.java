package io.trailhawk.rules.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The right side of a binary check: one constant ({@code f = x}), a parenthesised list ({@code f in (a, b)}), or a
 * read of the event: a field through {@code val(f)}, or a transformer chain ({@code tolower(g)}).
 */
public abstract class Operand {
    /** What the right side is. */
    public enum Kind {
        VALUE, LIST, FIELD, TRANSFORMER
    }

    private final int offset;

    private Operand(int offset) {
        this.offset = offset;
    }

    public static Operand value(String value, int offset) {
        return new Constants(Kind.VALUE, List.of(Objects.requireNonNull(value)), offset);
    }

    public static Operand list(List<String> values, int offset) {
        return new Constants(Kind.LIST, values, offset);
    }

    /** {@code val(f)} or a transformer chain. */
    public static Operand read(ValueAccess access, int offset) {
        if (!access.isField() && !access.isTransform()) {
            throw new IllegalArgumentException("not a read of the event: " + access);
        }
        return new Read(access, offset);
    }

    public abstract Kind kind();

    /** The constants compared with: one for a value, the list's for a list, none for a read. */
    public abstract List<String> constants();

    /** Where the right side starts in the condition text. */
    public int offset() {
        return offset;
    }

    public boolean isRead() {
        return this instanceof Read;
    }

    /** The field or transformer chain read; only for {@link Kind#FIELD} and {@link Kind#TRANSFORMER}. */
    public ValueAccess access() {
        throw new IllegalStateException(kind() + " operand reads nothing");
    }

    private static final class Constants extends Operand {
        private final Kind kind;
        private final List<String> values;

        Constants(Kind kind, List<String> values, int offset) {
            super(offset);
            this.kind = kind;
            this.values = Collections.unmodifiableList(new ArrayList<>(values));
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public List<String> constants() {
            return values;
        }

        @Override
        public String toString() {
            return kind == Kind.VALUE ? values.get(0) : "(" + String.join(", ", values) + ")";
        }
    }

    private static final class Read extends Operand {
        private final ValueAccess access;

        Read(ValueAccess access, int offset) {
            super(offset);
            this.access = access;
        }

        @Override
        public Kind kind() {
            return access.isField() ? Kind.FIELD : Kind.TRANSFORMER;
        }

        @Override
        public List<String> constants() {
            return List.of();
        }

        @Override
        public ValueAccess access() {
            return access;
        }

        @Override
        public String toString() {
            return access.isField() ? "val(" + access + ")" : access.toString();
        }
    }
}
