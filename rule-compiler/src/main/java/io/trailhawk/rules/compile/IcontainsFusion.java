package io.trailhawk.rules.compile;

import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tool and agent lists are written as long {@code or} chains of {@code icontains} on one field. This pass finds,
 * among an {@code or}'s children, the plain {@code field icontains value} checks that share a field often enough to
 * be worth one fused predicate. Whether the field is a string is the compiler's to decide.
 */
final class IcontainsFusion {
    /** Fewer checks on one field are compiled one by one. */
    static final int MIN_CHECKS = 3;

    private IcontainsFusion() {
    }

    /** Checks of one field, in the order written. */
    static final class Group {
        final ValueAccess field;
        final List<CheckExpr> checks;

        Group(ValueAccess field, List<CheckExpr> checks) {
            this.field = field;
            this.checks = Collections.unmodifiableList(checks);
        }

        List<String> needles() {
            List<String> needles = new ArrayList<>(checks.size());
            for (CheckExpr c : checks) {
                needles.add(c.values().get(0));
            }
            return needles;
        }
    }

    /** An {@code or}'s children: the groups to fuse, and the rest in their written order. */
    static final class Split {
        final List<Group> groups;
        final List<Expr> rest;

        Split(List<Group> groups, List<Expr> rest) {
            this.groups = Collections.unmodifiableList(groups);
            this.rest = Collections.unmodifiableList(rest);
        }
    }

    static Split split(LogicalExpr or) {
        Map<String, List<CheckExpr>> byField = new LinkedHashMap<>();
        for (Expr c : or.children()) {
            if (fusable(c)) {
                CheckExpr check = (CheckExpr) c;
                byField.computeIfAbsent(check.lhs().toString(), k -> new ArrayList<>()).add(check);
            }
        }
        List<Group> groups = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        for (Expr c : or.children()) {
            List<CheckExpr> checks = fusable(c) ? byField.get(((CheckExpr) c).lhs().toString()) : null;
            if (checks == null || checks.size() < MIN_CHECKS) {
                rest.add(c);
            } else if (checks.get(0) == c) {
                groups.add(new Group(checks.get(0).lhs(), checks));
            }
        }
        return new Split(groups, rest);
    }

    private static boolean fusable(Expr e) {
        if (e.kind() != Expr.Kind.CHECK) {
            return false;
        }
        CheckExpr check = (CheckExpr) e;
        return check.operator() == Operator.ICONTAINS && check.modifier() == null && check.rhsValue() == null
                && !check.lhs().isTransform() && check.values().size() == 1;
    }
}
