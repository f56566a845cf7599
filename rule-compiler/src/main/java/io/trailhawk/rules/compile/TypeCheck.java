package io.trailhawk.rules.compile;

import io.trailhawk.rules.compile.ValueCompiler.Value;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.parse.CheckExpr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The type-checking pass: resolves what each check reads and prepares its predicate ({@link CheckPreparation}),
 * turning every {@link Condition.Check} into a {@link Condition.Typed}. Problems are values: the result lists
 * them, and the caller decides whether to report them (a skip-if-unknown-filter rule only warns).
 */
final class TypeCheck {
    private final FieldRegistry registry;
    private final ConditionWarnings warnings;

    TypeCheck(FieldRegistry registry) {
        this.registry = registry;
        this.warnings = new ConditionWarnings(registry);
    }

    /** A type-checked condition, or the errors that stop it. */
    static final class Result {
        /** Empty when there are errors. */
        final Optional<Condition> condition;
        final List<Issue> errors;
        final List<Issue> warnings;
        /** True when some error is a field the registry does not know. */
        final boolean unknownField;
        /** Every record path the condition reads. */
        final List<String[]> reads;

        Result(Condition condition, List<Issue> errors, List<Issue> warnings, boolean unknownField,
                List<String[]> reads) {
            this.condition = errors.isEmpty() ? Optional.of(condition) : Optional.empty();
            this.errors = Collections.unmodifiableList(errors);
            this.warnings = Collections.unmodifiableList(warnings);
            this.unknownField = unknownField;
            this.reads = Collections.unmodifiableList(reads);
        }
    }

    Result check(Condition condition) {
        Walk walk = new Walk();
        Condition typed = walk.typed(condition);
        return new Result(typed, walk.errors, walk.warned, walk.unknownField, walk.reads);
    }

    /** One pass over one condition, with what it has found so far. */
    private final class Walk {
        final List<Issue> errors = new ArrayList<>();
        final List<Issue> warned = new ArrayList<>();
        final List<String[]> reads = new ArrayList<>();
        final CheckPreparation preparation = new CheckPreparation(new ValueCompiler(registry, reads));
        boolean unknownField;

        Condition typed(Condition c) {
            return c.kind() == Condition.Kind.CHECK ? leaf((Condition.Check) c) : c.withChildren(this::typed);
        }

        private Condition leaf(Condition.Check c) {
            CheckExpr check = c.check;
            try {
                Value lhs = preparation.lhs(check);
                for (String w : warnings.of(check)) {
                    warned.add(Issue.warning(c.origin.at(rightSideOffset(check)), c.origin.item, w));
                }
                return new Condition.Typed(check, lhs, preparation.predicate(check, lhs));
            } catch (CompileError err) {
                unknownField |= err.unknownField;
                errors.add(Issue.error(c.origin.at(err.offset), c.origin.item, err.getMessage()));
                return Condition.FALSE;
            }
        }
    }

    /** Where a check's right side starts; for a unary check, where its operator does. */
    private static int rightSideOffset(CheckExpr check) {
        return check.isUnary() ? check.operatorOffset() : check.binary().rhs().offset();
    }
}
