package io.trailhawk.rules.compile;

import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.MacroRefExpr;
import io.trailhawk.rules.parse.NotExpr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Measures a condition as it would be once its macros are expanded, without expanding it: its depth, and its node
 * count. Every later pass walks the expanded tree recursively, so a rule is compiled only when both are within
 * {@link RuleLimits}. Each macro is measured once; a walk gives up as soon as a bound is crossed, so the measuring
 * itself recurses at most {@link RuleLimits#CONDITION_DEPTH} levels and costs at most the size of the macros.
 */
final class ExpansionBounds {
    /** Measurements past a bound: the rule is rejected, so exact figures no longer matter. */
    private static final Size TOO_DEEP = new Size(Integer.MAX_VALUE, 0);
    private static final Size TOO_BIG = new Size(0, Long.MAX_VALUE);

    private final Map<String, ParsedMacro> macros;
    private final RuleLimits limits;
    private final Map<String, Size> measured = new HashMap<>();
    private final Set<String> measuring = new HashSet<>();

    ExpansionBounds(Map<String, ParsedMacro> macros, RuleLimits limits) {
        this.macros = macros;
        this.limits = limits;
    }

    /** The depth and node count of a condition expanded, or {@link #TOO_DEEP} or {@link #TOO_BIG}. */
    static final class Size {
        final int depth;
        final long nodes;

        Size(int depth, long nodes) {
            this.depth = depth;
            this.nodes = nodes;
        }
    }

    /** Null when the condition is within the limits; otherwise the message that rejects it. */
    String problem(Expr condition) {
        Size s = measure(condition, 0);
        if (s == TOO_DEEP) {
            return "the condition nests deeper than " + RuleLimits.CONDITION_DEPTH
                    + " levels once its macros are expanded";
        }
        if (s == TOO_BIG) {
            return "the condition has more than " + limits.conditionNodes() + " nodes once its macros are expanded";
        }
        return null;
    }

    /** {@code above}: levels already entered on the way to {@code e}. */
    private Size measure(Expr e, int above) {
        if (above >= RuleLimits.CONDITION_DEPTH) {
            return TOO_DEEP;
        }
        switch (e.kind()) {
            case AND:
            case OR: {
                int depth = 0;
                long nodes = 1;
                for (Expr c : ((LogicalExpr) e).children()) {
                    Size s = measure(c, above + 1);
                    if (over(s)) {
                        return s;
                    }
                    depth = Math.max(depth, s.depth);
                    nodes += s.nodes;
                    if (nodes > limits.conditionNodes()) {
                        return TOO_BIG;
                    }
                }
                return new Size(depth + 1, nodes);
            }
            case NOT: {
                Size s = measure(((NotExpr) e).child(), above + 1);
                return over(s) ? s : new Size(s.depth + 1, s.nodes + 1);
            }
            case MACRO_REF:
                return macro(((MacroRefExpr) e).name(), above);
            default:
                return new Size(1, 1);
        }
    }

    private Size macro(String name, int above) {
        Size known = measured.get(name);
        if (known != null) {
            return above + known.depth > RuleLimits.CONDITION_DEPTH ? TOO_DEEP : known;
        }
        ParsedMacro m = macros.get(name);
        if (m == null || m.ast == null || !measuring.add(name)) {
            // Undefined, unparsable or looping: the compiler reports those; here they count as a leaf.
            return new Size(1, 1);
        }
        Size s;
        try {
            s = measure(m.ast, above);
        } finally {
            measuring.remove(name);
        }
        if (!over(s)) {
            measured.put(name, s);
        }
        return s;
    }

    private static boolean over(Size s) {
        return s == TOO_DEEP || s == TOO_BIG;
    }
}
