package io.trailhawk.rules.compile;

import io.trailhawk.rules.compile.ValueCompiler.Value;
import io.trailhawk.rules.eval.Checks;
import io.trailhawk.rules.eval.Logical;
import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.eval.Predicate;
import io.trailhawk.rules.eval.StringMatcher;
import io.trailhawk.rules.eval.StringMatchers;
import io.trailhawk.rules.eval.UnsignedNumber;
import io.trailhawk.rules.field.FieldType;
import io.trailhawk.rules.parse.BinaryCheck;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.ConditionPrinter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Type-checks one check and prepares its predicate, with Falco's messages: the operator against the field's type,
 * each constant against Falco's limits and the field's type, and the right side's sets, globs and RE2 patterns,
 * built once. A check against an empty list is {@link Logical#NEVER}.
 */
final class CheckPreparation {
    /** Falco holds each constant in a 256-byte buffer, with its terminating NUL. */
    private static final int CONSTANT_BYTES = 256;

    private final ValueCompiler values;

    CheckPreparation(ValueCompiler values) {
        this.values = values;
    }

    /** The left side, once the operator is known to apply to it and the constants to fit. */
    Value lhs(CheckExpr c) throws CompileError {
        Value lhs = values.value(c.lhs());
        Operator op = c.operator();
        if (!op.appliesTo(lhs.type)) {
            String hint = op == Operator.BCONTAINS || op == Operator.BSTARTSWITH
                    ? " (it compares byte buffers: use " + op.spelling().substring(1) + ")"
                    : " (" + lhs.name + " is " + lhs.type.label() + "; it supports " + String.join(" ",
                            Operator.spellingsFor(lhs.type)) + ")";
            throw new CompileError(lhs.type.operatorNotSupported(op.spelling()) + hint, c.operatorOffset(), false);
        }
        if (!c.isUnary()) {
            for (String v : c.binary().constants()) {
                checkConstant(v, c.binary().rhs().offset());
            }
        }
        return lhs;
    }

    Predicate predicate(CheckExpr c, Value lhs) throws CompileError {
        if (c.isUnary()) {
            return Checks.exists(ConditionPrinter.print(c), lhs.extractor);
        }
        BinaryCheck b = c.binary();
        if (b.rhs().isRead()) {
            return fieldComparison(b, lhs);
        }
        if (b.isModified() && lhs.type == FieldType.UINT64 && (b.operator() == Operator.EQ
                || b.operator() == Operator.NE)) {
            return numberModified(b, lhs);
        }
        if (b.isModified()) {
            if (lhs.type != FieldType.STRING) {
                throw new CompileError("the " + b.modifier().spelling() + " modifier needs a string field; " + lhs.name
                        + " is " + lhs.type.label(), b.operatorOffset(), false);
            }
            return Checks.string(ConditionPrinter.print(b), lhs.extractor,
                    prepared(b, () -> StringMatchers.modified(b.operator(), b.modifier(), b.constants())));
        }
        switch (lhs.type) {
            case STRING:
                return stringCheck(b, lhs);
            case UINT64:
                return numberCheck(b, lhs);
            case BOOL:
                return boolCheck(b, lhs);
            case STRING_LIST:
                if (b.constants().isEmpty()) {
                    return Logical.NEVER;
                }
                return Checks.list(ConditionPrinter.print(b), lhs.extractor, new HashSet<>(b.constants()),
                        b.operator() == Operator.IN);
            default:
                throw new IllegalStateException();
        }
    }

    private static Predicate stringCheck(BinaryCheck c, Value lhs) throws CompileError {
        Operator op = c.operator();
        if (op.takesList()) {
            return c.constants().isEmpty() && op != Operator.PMATCH ? Logical.NEVER
                    : Checks.string(ConditionPrinter.print(c), lhs.extractor, op.listMatcher(c.constants()));
        }
        return Checks.string(ConditionPrinter.print(c), lhs.extractor,
                prepared(c, () -> op.matcher(c.constants().get(0))));
    }

    private static Predicate numberCheck(BinaryCheck c, Value lhs) throws CompileError {
        List<Long> numbers = new ArrayList<>();
        for (String v : c.constants()) {
            numbers.add(parseUnsigned(v, c.rhs().offset()));
        }
        if (c.operator().takesList()) {
            return numbers.isEmpty() ? Logical.NEVER : Checks.numberIn(ConditionPrinter.print(c),
                    lhs.extractor, new HashSet<>(numbers));
        }
        return Checks.number(ConditionPrinter.print(c), lhs.extractor, c.operator(), numbers.get(0));
    }

    /** {@code evt.num == anyof (1, 2)}: Falco allows {@code ==} and {@code !=} with a modifier on numbers. */
    private static Predicate numberModified(BinaryCheck c, Value lhs) throws CompileError {
        List<Predicate> each = new ArrayList<>();
        for (String v : c.constants()) {
            each.add(Checks.number(lhs.name + " " + c.operator().spelling() + " " + v, lhs.extractor, c.operator(),
                    parseUnsigned(v, c.rhs().offset())));
        }
        if (each.isEmpty()) {
            return Logical.NEVER;
        }
        switch (c.modifier()) {
            case ANYOF:
                return Logical.or(each);
            case ALLOF:
                return Logical.and(each);
            default:
                return Checks.exactlyOne(ConditionPrinter.print(c), each);
        }
    }

    private static Predicate boolCheck(BinaryCheck c, Value lhs) throws CompileError {
        Set<Boolean> bools = new HashSet<>();
        for (String v : c.constants()) {
            if (v.equalsIgnoreCase("true")) {
                bools.add(Boolean.TRUE);
            } else if (v.equalsIgnoreCase("false")) {
                bools.add(Boolean.FALSE);
            } else {
                throw new CompileError("'" + v + "' is not a bool value for " + lhs.name + " (use true or false)",
                        c.rhs().offset(), false);
            }
        }
        return Checks.bool(ConditionPrinter.print(c), lhs.extractor, c.operator() != Operator.NE, bools);
    }

    private Predicate fieldComparison(BinaryCheck c, Value lhs) throws CompileError {
        Operator op = c.operator();
        if (!op.comparesFields()) {
            throw new CompileError("operator '" + op.name() + "' doesn't support right-hand side fields",
                    c.rhs().offset(), false);
        }
        Value rhs = values.value(c.rhs().access());
        if (rhs.type != lhs.type) {
            throw new CompileError("field '" + lhs.name + "' has type '" + lhs.type.falcoName()
                    + "' while the right-hand side field '" + rhs.name + "' has incompatible type '"
                    + rhs.type.falcoName() + "'", c.rhs().offset(), false);
        }
        return Checks.fields(ConditionPrinter.print(c), lhs.extractor, op, rhs.extractor);
    }

    private interface MatcherFactory {
        StringMatcher build();
    }

    private static StringMatcher prepared(BinaryCheck c, MatcherFactory f) throws CompileError {
        try {
            return f.build();
        } catch (IllegalArgumentException e) {
            throw new CompileError(e.getMessage(), c.rhs().offset(), false);
        }
    }

    private static void checkConstant(String v, int offset) throws CompileError {
        if (v.indexOf('\0') >= 0) {
            throw new CompileError("filter value cannot contain a NUL byte (\\x00)", offset, false);
        }
        int used = v.getBytes(StandardCharsets.UTF_8).length + 1;
        if (used > CONSTANT_BYTES) {
            throw new CompileError("filter parameter too long (used=" + used + ", available=" + CONSTANT_BYTES
                    + "):" + v, offset, false);
        }
    }

    private static long parseUnsigned(String v, int offset) throws CompileError {
        Long n = UnsignedNumber.parse(v);
        if (n == null) {
            throw new CompileError(v + " is not a valid number", offset, false);
        }
        return n;
    }
}
