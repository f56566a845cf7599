package io.trailhawk.rules.compile;

import io.trailhawk.rules.load.RuleLimits;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Measures a macro-free condition as the later passes will walk it: its depth, and its node count with every shared
 * macro subtree counted each time it is used. Those passes recurse over the tree and copy it, so a rule goes on only
 * when both are within {@link RuleLimits}. Each shared node is measured once; a walk gives up as soon as a bound is
 * crossed, so the measuring itself recurses at most {@link RuleLimits#CONDITION_DEPTH} levels.
 */
final class ExpansionBounds {
    /** Measurements past a bound: the rule is rejected, so exact figures no longer matter. */
    private static final Size TOO_DEEP = new Size(Integer.MAX_VALUE, 0);
    private static final Size TOO_BIG = new Size(0, Long.MAX_VALUE);

    private final RuleLimits limits;
    private final Map<Condition, Size> measured = new IdentityHashMap<>();

    ExpansionBounds(RuleLimits limits) {
        this.limits = limits;
    }

    /** The depth and node count of a condition, or {@link #TOO_DEEP} or {@link #TOO_BIG}. */
    static final class Size {
        final int depth;
        final long nodes;

        Size(int depth, long nodes) {
            this.depth = depth;
            this.nodes = nodes;
        }
    }

    /** Null when the condition is within the limits; otherwise the message that rejects it. */
    String problem(Condition condition) {
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

    /** {@code above}: levels already entered on the way to {@code c}. */
    private Size measure(Condition c, int above) {
        if (above >= RuleLimits.CONDITION_DEPTH) {
            return TOO_DEEP;
        }
        Size known = measured.get(c);
        if (known != null) {
            return above + known.depth > RuleLimits.CONDITION_DEPTH ? TOO_DEEP : known;
        }
        Size s = measureNew(c, above);
        if (!over(s)) {
            measured.put(c, s);
        }
        return s;
    }

    private Size measureNew(Condition c, int above) {
        switch (c.kind()) {
            case ALL:
            case ANY: {
                int depth = 0;
                long nodes = 1;
                for (Condition child : ((Condition.Group) c).children) {
                    Size s = measure(child, above + 1);
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
                Size s = measure(((Condition.Not) c).child, above + 1);
                return over(s) ? s : new Size(s.depth + 1, s.nodes + 1);
            }
            default:
                return new Size(1, 1);
        }
    }

    private static boolean over(Size s) {
        return s == TOO_DEEP || s == TOO_BIG;
    }
}
