package io.trailhawk.rules.compile;

import io.trailhawk.rules.eval.Predicate;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the passes over one macro-free condition, in order: type checks ({@link TypeCheck}), constant folding and
 * simplification ({@link Simplification}), {@code icontains} fusion ({@link IcontainsFusion}), the index
 * requirements ({@link RequiredValues}, {@link OtherFieldRequirement}), and planning ({@link Planning}).
 */
final class ConditionCompiler {
    private final TypeCheck typeCheck;

    ConditionCompiler(FieldRegistry registry) {
        this.typeCheck = new TypeCheck(registry);
    }

    /** The outcome of compiling one condition: a predicate, or the type check's errors. */
    static final class Result {
        /** Empty when the type check found errors. */
        final Optional<Predicate> predicate;
        final TypeCheck.Result checked;
        final Set<String> eventNames;
        final Set<String> eventSources;
        final FieldRequirement requirement;

        private Result(Optional<Predicate> predicate, TypeCheck.Result checked, Set<String> eventNames,
                Set<String> eventSources, FieldRequirement requirement) {
            this.predicate = predicate;
            this.checked = checked;
            this.eventNames = eventNames;
            this.eventSources = eventSources;
            this.requirement = requirement;
        }

        List<String[]> reads() {
            return checked.reads;
        }
    }

    Result compile(Condition resolved) {
        TypeCheck.Result checked = typeCheck.check(resolved);
        if (checked.condition.isEmpty()) {
            return new Result(Optional.empty(), checked, null, null, null);
        }
        Condition planned = IcontainsFusion.of(Simplification.of(checked.condition.get()));
        Set<String> names = RequiredValues.NAME.required(planned);
        Set<String> sources = RequiredValues.SOURCE.required(planned);
        FieldRequirement other = names != null || sources != null ? null : OtherFieldRequirement.of(planned);
        return new Result(Optional.of(Planning.of(planned)), checked, names, sources, other);
    }

    /** Every field name (without argument) a macro-free condition reads. */
    static Set<String> fieldNames(Condition c) {
        Set<String> out = new LinkedHashSet<>();
        collectFields(c, out);
        return out;
    }

    private static void collectFields(Condition c, Set<String> out) {
        switch (c.kind()) {
            case ALL:
            case ANY:
                for (Condition child : ((Condition.Group) c).children) {
                    collectFields(child, out);
                }
                break;
            case NOT:
                collectFields(((Condition.Not) c).child, out);
                break;
            case CHECK: {
                CheckExpr check = ((Condition.Check) c).check;
                addFields(check.lhs(), out);
                if (!check.isUnary() && check.binary().rhs().isRead()) {
                    addFields(check.binary().rhs().access(), out);
                }
                break;
            }
            default:
                break;
        }
    }

    private static void addFields(ValueAccess a, Set<String> out) {
        a.fields().forEach(f -> out.add(f.field()));
    }
}
