package io.trailhawk.rules.compile;

import io.trailhawk.rules.eval.Checks;
import io.trailhawk.rules.eval.Logical;
import io.trailhawk.rules.eval.Predicate;
import java.util.ArrayList;
import java.util.List;

/** The last pass: a simplified, fused condition becomes the tree of predicates the evaluator runs. */
final class Planning {
    private Planning() {
    }

    static Predicate of(Condition c) {
        switch (c.kind()) {
            case ALL:
            case ANY: {
                List<Predicate> children = new ArrayList<>();
                for (Condition child : ((Condition.Group) c).children) {
                    children.add(of(child));
                }
                return c.kind() == Condition.Kind.ALL ? Logical.and(children) : Logical.or(children);
            }
            case NOT:
                return Logical.not(of(((Condition.Not) c).child));
            case TYPED:
                return ((Condition.Typed) c).predicate;
            case CONTAINS_ANY: {
                Condition.ContainsAny fused = (Condition.ContainsAny) c;
                return Checks.containsAnyIgnoreCase(fused.access.toString(), fused.field.extractor, fused.needles);
            }
            case CONSTANT:
                return c == Condition.TRUE ? Logical.ALWAYS : Logical.NEVER;
            default:
                throw new IllegalStateException(c.kind() + " is not type-checked");
        }
    }
}
