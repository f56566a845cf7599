package io.trailhawk.rules.compile;

import io.trailhawk.rules.eval.Logical;
import java.util.ArrayList;
import java.util.List;

/**
 * Constant folding and simplification of a type-checked condition: a check whose predicate is constant (against an
 * empty list) becomes {@link Condition#TRUE} or {@link Condition#FALSE}, constants settle or leave their group,
 * nested groups of one kind are flattened (a macro's {@code and} inside a rule's {@code and}), a group of one is
 * its child, and {@code not not} cancels. Order is kept, so evaluation still short-circuits as written.
 */
final class Simplification {
    private Simplification() {
    }

    static Condition of(Condition c) {
        switch (c.kind()) {
            case ALL:
            case ANY:
                return group((Condition.Group) c);
            case NOT:
                return not(of(((Condition.Not) c).child));
            case TYPED:
                return ((Condition.Typed) c).predicate == Logical.NEVER ? Condition.FALSE : c;
            default:
                return c;
        }
    }

    private static Condition group(Condition.Group g) {
        boolean all = g.kind() == Condition.Kind.ALL;
        Condition decides = all ? Condition.FALSE : Condition.TRUE;
        Condition neutral = all ? Condition.TRUE : Condition.FALSE;
        List<Condition> kept = new ArrayList<>();
        for (Condition child : g.children) {
            Condition s = of(child);
            if (s == decides) {
                return decides;
            }
            if (s == neutral) {
                continue;
            }
            if (s.kind() == g.kind()) {
                kept.addAll(((Condition.Group) s).children);
            } else {
                kept.add(s);
            }
        }
        if (kept.isEmpty()) {
            return neutral;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        return all ? Condition.all(kept) : Condition.any(kept);
    }

    private static Condition not(Condition child) {
        if (child == Condition.TRUE) {
            return Condition.FALSE;
        }
        if (child == Condition.FALSE) {
            return Condition.TRUE;
        }
        return child.kind() == Condition.Kind.NOT ? ((Condition.Not) child).child : new Condition.Not(child);
    }
}
