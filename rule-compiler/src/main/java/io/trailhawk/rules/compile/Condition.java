package io.trailhawk.rules.compile;

import io.trailhawk.rules.compile.ValueCompiler.Value;
import io.trailhawk.rules.diag.SourceLocation;
import io.trailhawk.rules.eval.Predicate;
import io.trailhawk.rules.load.PositionedText;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.ConditionPrinter;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A condition with its lists and macros resolved: {@code and}, {@code or}, {@code not} and checks, nothing else.
 * {@link MacroResolver} builds it once per rule; every later pass reads it, and those that change it build a new
 * one. A macro used twice is one shared subtree, which is safe because nodes are immutable.
 */
abstract class Condition {
    /** What a node is. */
    enum Kind {
        /** {@code and}: every child holds. */
        ALL,
        /** {@code or}: some child holds. */
        ANY,
        NOT,
        /** A check as parsed, not yet type-checked. */
        CHECK,
        /** A type-checked check with its predicate prepared. */
        TYPED,
        /** Checks of one string field for any of several substrings, ignoring case. */
        CONTAINS_ANY,
        /** Known at compile time: a check against an empty list, or what folding one leaves. */
        CONSTANT
    }

    static final Condition TRUE = new Constant(true);
    static final Condition FALSE = new Constant(false);

    private Condition() {
    }

    abstract Kind kind();

    static Condition all(List<Condition> children) {
        return new Group(Kind.ALL, children);
    }

    static Condition any(List<Condition> children) {
        return new Group(Kind.ANY, children);
    }

    /** This node with {@code f} applied to each child: a group of the same kind, a {@code not}, or a leaf as is. */
    Condition withChildren(UnaryOperator<Condition> f) {
        return this;
    }

    /** Where a check was written: a rule's or a macro's condition text, and that item's label for messages. */
    static final class Origin {
        final PositionedText text;
        final String item;

        Origin(PositionedText text, String item) {
            this.text = text;
            this.item = item;
        }

        SourceLocation at(int offset) {
            return text.locationOf(offset);
        }
    }

    static final class Group extends Condition {
        private final Kind kind;
        final List<Condition> children;

        private Group(Kind kind, List<Condition> children) {
            this.kind = kind;
            this.children = Collections.unmodifiableList(new ArrayList<>(children));
        }

        @Override
        Kind kind() {
            return kind;
        }

        @Override
        Condition withChildren(UnaryOperator<Condition> f) {
            List<Condition> mapped = new ArrayList<>(children.size());
            children.forEach(c -> mapped.add(f.apply(c)));
            return new Group(kind, mapped);
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            children.forEach(c -> parts.add(c.toString()));
            return (kind == Kind.ALL ? "and(" : "or(") + String.join(", ", parts) + ")";
        }
    }

    static final class Not extends Condition {
        final Condition child;

        Not(Condition child) {
            this.child = child;
        }

        @Override
        Kind kind() {
            return Kind.NOT;
        }

        @Override
        Condition withChildren(UnaryOperator<Condition> f) {
            return new Not(f.apply(child));
        }

        @Override
        public String toString() {
            return "not(" + child + ")";
        }
    }

    static final class Check extends Condition {
        final CheckExpr check;
        final Origin origin;

        Check(CheckExpr check, Origin origin) {
            this.check = check;
            this.origin = origin;
        }

        @Override
        Kind kind() {
            return Kind.CHECK;
        }

        @Override
        public String toString() {
            return ConditionPrinter.print(check);
        }
    }

    static final class Typed extends Condition {
        final CheckExpr check;
        final Value lhs;
        final Predicate predicate;

        Typed(CheckExpr check, Value lhs, Predicate predicate) {
            this.check = check;
            this.lhs = lhs;
            this.predicate = predicate;
        }

        @Override
        Kind kind() {
            return Kind.TYPED;
        }

        @Override
        public String toString() {
            return ConditionPrinter.print(check) + " : " + lhs.type.label();
        }
    }

    static final class ContainsAny extends Condition {
        final ValueAccess access;
        final Value field;
        final List<String> needles;

        ContainsAny(ValueAccess access, Value field, List<String> needles) {
            this.access = access;
            this.field = field;
            this.needles = Collections.unmodifiableList(new ArrayList<>(needles));
        }

        @Override
        Kind kind() {
            return Kind.CONTAINS_ANY;
        }

        @Override
        public String toString() {
            return access + " icontains any of (" + String.join(", ", needles) + ")";
        }
    }

    static final class Constant extends Condition {
        final boolean value;

        private Constant(boolean value) {
            this.value = value;
        }

        @Override
        Kind kind() {
            return Kind.CONSTANT;
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }
}
