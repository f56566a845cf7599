package io.trailhawk.rules.compile;

import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.field.FieldType;
import io.trailhawk.rules.parse.BinaryCheck;
import io.trailhawk.rules.parse.Operand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tool and agent lists are written as long {@code or} chains of {@code icontains} on one field. This pass replaces,
 * in every {@code or}, the plain {@code field icontains value} checks on one string field by one
 * {@link Condition.ContainsAny}, when there are enough of them to be worth it. The fused checks come first, then the
 * rest in their written order.
 */
final class IcontainsFusion {
    /** Fewer checks on one field are kept one by one. */
    static final int MIN_CHECKS = 3;

    private IcontainsFusion() {
    }

    static Condition of(Condition c) {
        Condition mapped = c.withChildren(IcontainsFusion::of);
        return mapped.kind() == Condition.Kind.ANY ? fused(((Condition.Group) mapped).children) : mapped;
    }

    private static Condition fused(List<Condition> children) {
        Map<String, List<Condition.Typed>> byField = new LinkedHashMap<>();
        for (Condition c : children) {
            if (fusable(c)) {
                Condition.Typed t = (Condition.Typed) c;
                byField.computeIfAbsent(t.check.lhs().toString(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Condition> out = new ArrayList<>();
        List<Condition> rest = new ArrayList<>();
        Set<String> emitted = new HashSet<>();
        for (Condition c : children) {
            String field = fusable(c) ? ((Condition.Typed) c).check.lhs().toString() : null;
            List<Condition.Typed> group = field == null ? null : byField.get(field);
            if (group == null || group.size() < MIN_CHECKS) {
                rest.add(c);
            } else if (emitted.add(field)) {
                List<String> needles = new ArrayList<>();
                group.forEach(t -> needles.add(t.check.binary().constants().get(0)));
                out.add(new Condition.ContainsAny(group.get(0).check.lhs(), group.get(0).lhs, needles));
            }
        }
        out.addAll(rest);
        return out.size() == 1 ? out.get(0) : Condition.any(out);
    }

    private static boolean fusable(Condition c) {
        if (c.kind() != Condition.Kind.TYPED) {
            return false;
        }
        Condition.Typed t = (Condition.Typed) c;
        if (t.check.isUnary() || t.lhs.type != FieldType.STRING || t.check.lhs().isTransform()) {
            return false;
        }
        BinaryCheck b = t.check.binary();
        return b.operator() == Operator.ICONTAINS && !b.isModified() && b.rhs().kind() == Operand.Kind.VALUE;
    }
}
