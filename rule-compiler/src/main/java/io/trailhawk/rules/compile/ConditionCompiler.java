package io.trailhawk.rules.compile;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.compile.ValueCompiler.Value;
import io.trailhawk.rules.eval.Checks;
import io.trailhawk.rules.eval.Logical;
import io.trailhawk.rules.eval.Predicate;
import io.trailhawk.rules.eval.StringMatcher;
import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.eval.StringMatchers;
import io.trailhawk.rules.eval.UnsignedNumber;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.field.FieldType;
import io.trailhawk.rules.load.PositionedText;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.ConditionPrinter;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.MacroRefExpr;
import io.trailhawk.rules.parse.NotExpr;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed condition into a tree of predicates. Macros are expanded on the tree, in place, so their grouping
 * is kept; every check is type-checked and its right-hand side prepared (sets, globs, RE2 patterns) here, once.
 */
final class ConditionCompiler {
    private final FieldRegistry registry;
    private final ConditionWarnings warnings;
    private final ValueCompiler values;
    private final Map<String, ParsedMacro> macros;
    private final Diagnostics diag;
    private final Set<String> usedMacros;
    private final Deque<ParsedMacro> expanding = new ArrayDeque<>();
    private final Set<String> fieldsSeen = new LinkedHashSet<>();
    private final List<String[]> reads = new ArrayList<>();
    private String item;
    private boolean failed;
    private boolean failedOnUnknownField;
    private String firstError;
    private boolean reportErrors = true;

    ConditionCompiler(FieldRegistry registry, Map<String, ParsedMacro> macros, Diagnostics diag,
            Set<String> usedMacros) {
        this.registry = registry;
        this.warnings = new ConditionWarnings(registry);
        this.values = new ValueCompiler(registry, reads);
        this.macros = macros;
        this.diag = diag;
        this.usedMacros = usedMacros;
    }

    /** The outcome of compiling one rule condition. */
    static final class Result {
        final Predicate predicate;
        final boolean unknownField;
        final Set<String> eventNames;
        final Set<String> eventSources;
        final FieldRequirement requirement;
        final List<String[]> reads;
        /** The first error's message, or null. */
        final String firstError;

        Result(Predicate predicate, boolean unknownField, Set<String> eventNames, Set<String> eventSources,
                FieldRequirement requirement, List<String[]> reads, String firstError) {
            this.predicate = predicate;
            this.unknownField = unknownField;
            this.eventNames = eventNames;
            this.eventSources = eventSources;
            this.requirement = requirement;
            this.reads = reads;
            this.firstError = firstError;
        }
    }

    /**
     * Compiles a rule condition. Returns a result whose predicate is null when the condition has errors; they are
     * reported unless {@code quiet} (used for skip-if-unknown-filter rules, which only warn).
     */
    Result compileRule(String ruleLabel, Expr ast, PositionedText text, boolean quiet) {
        item = ruleLabel;
        failed = false;
        failedOnUnknownField = false;
        firstError = null;
        reportErrors = !quiet;
        reads.clear();
        Predicate p = compile(ast, text);
        Set<String> names = failed ? null : RequiredValues.NAME.required(ast, macros);
        Set<String> sources = failed ? null : RequiredValues.SOURCE.required(ast, macros);
        FieldRequirement other = failed || names != null || sources != null ? null
                : new OtherFieldRequirement(registry, macros).of(ast);
        return new Result(failed ? null : p, failedOnUnknownField, names, sources, other, new ArrayList<>(reads),
                firstError);
    }

    /** Every field name (without argument) a condition reads, macros included; unknown macros are ignored. */
    Set<String> fieldNames(Expr ast) {
        fieldsSeen.clear();
        collectFields(ast, new HashSet<>());
        return new LinkedHashSet<>(fieldsSeen);
    }

    private void collectFields(Expr e, Set<String> visiting) {
        switch (e.kind()) {
            case AND:
            case OR:
                for (Expr c : ((LogicalExpr) e).children()) {
                    collectFields(c, visiting);
                }
                break;
            case NOT:
                collectFields(((NotExpr) e).child(), visiting);
                break;
            case MACRO_REF: {
                ParsedMacro m = macros.get(((MacroRefExpr) e).name());
                if (m != null && m.ast != null && visiting.add(m.info.name())) {
                    collectFields(m.ast, visiting);
                    visiting.remove(m.info.name());
                }
                break;
            }
            case CHECK: {
                CheckExpr c = (CheckExpr) e;
                c.lhs().fields().forEach(f -> fieldsSeen.add(f.field()));
                if (c.rhsValue() != null) {
                    c.rhsValue().fields().forEach(f -> fieldsSeen.add(f.field()));
                }
                break;
            }
            default:
                break;
        }
    }

    private Predicate compile(Expr e, PositionedText text) {
        switch (e.kind()) {
            case AND:
            case OR: {
                List<Predicate> children = new ArrayList<>();
                List<Expr> rest = e.kind() == Expr.Kind.OR ? fuseCaseInsensitiveContains((LogicalExpr) e, text,
                        children) : ((LogicalExpr) e).children();
                for (Expr c : rest) {
                    children.add(compile(c, text));
                }
                return e.kind() == Expr.Kind.AND ? Logical.and(children) : Logical.or(children);
            }
            case NOT:
                return Logical.not(compile(((NotExpr) e).child(), text));
            case MACRO_REF:
                return expand((MacroRefExpr) e, text);
            case CHECK:
                try {
                    return check((CheckExpr) e, text);
                } catch (CompileError err) {
                    fail(text, err.offset, err.getMessage(), err.unknownField);
                    return ev -> false;
                }
            default:
                throw new IllegalStateException("unknown expression kind " + e.kind());
        }
    }

    /** Adds to {@code fused} one predicate per group of {@code icontains} checks; returns what is left to compile. */
    private List<Expr> fuseCaseInsensitiveContains(LogicalExpr or, PositionedText text, List<Predicate> fused) {
        IcontainsFusion.Split split = IcontainsFusion.split(or);
        List<Expr> rest = new ArrayList<>(split.rest);
        for (IcontainsFusion.Group group : split.groups) {
            try {
                Value v = value(group.field);
                if (v.type == FieldType.STRING) {
                    fused.add(Checks.containsAnyIgnoreCase(group.field.toString(), v.extractor, group.needles()));
                } else {
                    rest.addAll(group.checks);
                }
            } catch (CompileError err) {
                fail(text, err.offset, err.getMessage(), err.unknownField);
            }
        }
        return rest;
    }

    private Predicate expand(MacroRefExpr ref, PositionedText text) {
        ParsedMacro m = macros.get(ref.name());
        ParsedMacro referrer = expanding.peek();
        if (m == null || (referrer != null && m.info.index() >= referrer.info.visibility())) {
            fail(text, ref.offset(), "Undefined macro '" + ref.name() + "' used in filter.", false);
            return ev -> false;
        }
        usedMacros.add(m.info.name());
        for (ParsedMacro open : expanding) {
            if (open == m) {
                fail(text, ref.offset(), "reference loop in macro '" + m.info.name() + "'", false);
                return ev -> false;
            }
        }
        if (m.ast == null) {
            failed = true;
            return ev -> false;
        }
        String saved = item;
        item = "macro '" + m.info.name() + "'";
        expanding.push(m);
        try {
            return compile(m.ast, m.text);
        } finally {
            expanding.pop();
            item = saved;
        }
    }

    private void fail(PositionedText text, int offset, String message, boolean unknownField) {
        failed = true;
        failedOnUnknownField |= unknownField;
        if (firstError == null) {
            firstError = message;
        }
        if (reportErrors) {
            diag.error(text.locationOf(offset), item, message);
        }
    }

    private Value value(ValueAccess a) throws CompileError {
        return values.value(a);
    }

    private Predicate check(CheckExpr c, PositionedText text) throws CompileError {
        Value lhs = value(c.lhs());
        Operator op = c.operator();
        if (!op.appliesTo(lhs.type)) {
            String hint = op == Operator.BCONTAINS || op == Operator.BSTARTSWITH
                    ? " (it compares byte buffers: use " + op.spelling().substring(1) + ")"
                    : " (" + lhs.name + " is " + lhs.type.label() + "; it supports " + String.join(" ",
                            Operator.spellingsFor(lhs.type)) + ")";
            throw new CompileError(lhs.type.operatorNotSupported(op.spelling()) + hint, c.operatorOffset(), false);
        }
        if (op == Operator.EXISTS) {
            return Checks.exists(ConditionPrinter.print(c), lhs.extractor);
        }
        for (String v : c.values()) {
            checkConstant(v, c.rhsOffset());
        }
        if (c.rhsValue() != null) {
            return fieldComparison(c, lhs);
        }
        if (c.modifier() != null && lhs.type == FieldType.UINT64 && (op == Operator.EQ || op == Operator.NE)) {
            return numberModified(c, lhs);
        }
        if (c.modifier() != null) {
            if (lhs.type != FieldType.STRING) {
                throw new CompileError("the " + c.modifier().spelling() + " modifier needs a string field; " + lhs.name
                        + " is " + lhs.type.label(), c.operatorOffset(), false);
            }
            return Checks.string(ConditionPrinter.print(c), lhs.extractor,
                    prepared(c, () -> StringMatchers.modified(op, c.modifier(), c.values())));
        }
        warn(c, text);
        switch (lhs.type) {
            case STRING:
                return stringCheck(c, lhs);
            case UINT64:
                return numberCheck(c, lhs);
            case BOOL:
                return boolCheck(c, lhs);
            case STRING_LIST:
                if (c.values().isEmpty()) {
                    return Logical.NEVER;
                }
                return Checks.list(ConditionPrinter.print(c), lhs.extractor, new HashSet<>(c.values()),
                        op == Operator.IN);
            default:
                throw new IllegalStateException();
        }
    }

    private Predicate stringCheck(CheckExpr c, Value lhs) throws CompileError {
        Operator op = c.operator();
        if (op.takesList()) {
            return c.values().isEmpty() && op != Operator.PMATCH ? Logical.NEVER
                    : Checks.string(ConditionPrinter.print(c), lhs.extractor, op.listMatcher(c.values()));
        }
        return Checks.string(ConditionPrinter.print(c), lhs.extractor,
                prepared(c, () -> op.matcher(c.values().get(0))));
    }

    private Predicate numberCheck(CheckExpr c, Value lhs) throws CompileError {
        List<Long> numbers = new ArrayList<>();
        for (String v : c.values()) {
            numbers.add(parseUnsigned(v, c.rhsOffset()));
        }
        if (c.operator().takesList()) {
            return numbers.isEmpty() ? Logical.NEVER : Checks.numberIn(ConditionPrinter.print(c),
                    lhs.extractor, new HashSet<>(numbers));
        }
        return Checks.number(ConditionPrinter.print(c), lhs.extractor, c.operator(), numbers.get(0));
    }

    /** {@code evt.num == anyof (1, 2)}: Falco allows {@code ==} and {@code !=} with a modifier on numbers. */
    private static Predicate numberModified(CheckExpr c, Value lhs) throws CompileError {
        List<Predicate> each = new ArrayList<>();
        for (String v : c.values()) {
            each.add(Checks.number(lhs.name + " " + c.operator().spelling() + " " + v, lhs.extractor, c.operator(),
                    parseUnsigned(v, c.rhsOffset())));
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

    private Predicate boolCheck(CheckExpr c, Value lhs) throws CompileError {
        Set<Boolean> values = new HashSet<>();
        for (String v : c.values()) {
            if (v.equalsIgnoreCase("true")) {
                values.add(Boolean.TRUE);
            } else if (v.equalsIgnoreCase("false")) {
                values.add(Boolean.FALSE);
            } else {
                throw new CompileError("'" + v + "' is not a bool value for " + lhs.name + " (use true or false)",
                        c.rhsOffset(), false);
            }
        }
        return Checks.bool(ConditionPrinter.print(c), lhs.extractor, c.operator() != Operator.NE, values);
    }

    private Predicate fieldComparison(CheckExpr c, Value lhs) throws CompileError {
        Operator op = c.operator();
        if (!op.comparesFields()) {
            throw new CompileError("operator '" + op.name() + "' doesn't support right-hand side fields",
                    c.rhsOffset(), false);
        }
        Value rhs = value(c.rhsValue());
        if (rhs.type != lhs.type) {
            throw new CompileError("field '" + lhs.name + "' has type '" + lhs.type.falcoName()
                    + "' while the right-hand side field '" + rhs.name + "' has incompatible type '"
                    + rhs.type.falcoName() + "'", c.rhsOffset(), false);
        }
        return Checks.fields(ConditionPrinter.print(c), lhs.extractor, op, rhs.extractor);
    }

    private void warn(CheckExpr c, PositionedText text) {
        if (reportErrors) {
            warnings.of(c).forEach(w -> diag.warning(text.locationOf(c.rhsOffset()), item, w));
        }
    }

    private interface MatcherFactory {
        StringMatcher build();
    }

    private static StringMatcher prepared(CheckExpr c, MatcherFactory f) throws CompileError {
        try {
            return f.build();
        } catch (IllegalArgumentException e) {
            throw new CompileError(e.getMessage(), c.rhsOffset(), false);
        }
    }

    /** Falco holds each constant in a 256-byte buffer, with its terminating NUL. */
    private static final int CONSTANT_BYTES = 256;

    private static void checkConstant(String v, int offset) throws CompileError {
        if (v.indexOf('\0') >= 0) {
            throw new CompileError("filter value cannot contain a NUL byte (\\x00)", offset, false);
        }
        int used = v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
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
