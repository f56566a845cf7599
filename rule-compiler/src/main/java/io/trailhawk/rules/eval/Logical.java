package io.trailhawk.rules.eval;

import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code and}, {@code or} and {@code not} over compiled children, folding the constants {@link #NEVER} and
 * {@link #ALWAYS} (a check against an empty list is one), so a rule that cannot match is known at compile time.
 */
public final class Logical {
    /** A condition no event satisfies. */
    public static final Predicate NEVER = new Constant(false);
    /** A condition every event satisfies. */
    public static final Predicate ALWAYS = new Constant(true);

    private Logical() {
    }

    public static Predicate and(List<Predicate> children) {
        return combine(children, NEVER, ALWAYS, true);
    }

    public static Predicate or(List<Predicate> children) {
        return combine(children, ALWAYS, NEVER, false);
    }

    /** {@code decides} settles the result whatever the rest say; {@code neutral} changes nothing. */
    private static Predicate combine(List<Predicate> children, Predicate decides, Predicate neutral, boolean and) {
        List<Predicate> kept = new ArrayList<>();
        for (Predicate p : children) {
            if (p == decides) {
                return decides;
            }
            if (p != neutral) {
                kept.add(p);
            }
        }
        if (kept.isEmpty()) {
            return neutral;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        Predicate[] array = kept.toArray(new Predicate[0]);
        return and ? new And(array) : new Or(array);
    }

    public static Predicate not(Predicate child) {
        if (child == NEVER) {
            return ALWAYS;
        }
        if (child == ALWAYS) {
            return NEVER;
        }
        return child instanceof Not ? ((Not) child).child : new Not(child);
    }

    private static final class Constant implements Predicate {
        private final boolean value;

        Constant(boolean value) {
            this.value = value;
        }

        @Override
        public boolean test(CloudTrailEvent event) {
            return value;
        }

        @Override
        public String toString() {
            return value ? "ALWAYS" : "NEVER";
        }
    }

    static final class And implements Predicate {
        private final Predicate[] children;

        And(Predicate[] children) {
            this.children = children;
        }

        @Override
        public boolean test(CloudTrailEvent event) {
            for (Predicate p : children) {
                if (!p.test(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return printed(this);
        }
    }

    static final class Or implements Predicate {
        private final Predicate[] children;

        Or(Predicate[] children) {
            this.children = children;
        }

        @Override
        public boolean test(CloudTrailEvent event) {
            for (Predicate p : children) {
                if (p.test(event)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return printed(this);
        }
    }

    static final class Not implements Predicate {
        private final Predicate child;

        Not(Predicate child) {
            this.child = child;
        }

        @Override
        public boolean test(CloudTrailEvent event) {
            return !child.test(event);
        }

        @Override
        public String toString() {
            return printed(this);
        }
    }

    /**
     * A compiled condition as indented text, one node per line: {@code and}, {@code or} and {@code not} above
     * their children, leaves as the checks they were compiled from.
     */
    static String printed(Predicate p) {
        StringBuilder out = new StringBuilder();
        print(p, 0, out);
        return out.toString();
    }

    private static void print(Predicate p, int depth, StringBuilder out) {
        if (depth > 0) {
            out.append('\n');
        }
        out.append("  ".repeat(depth));
        if (p instanceof And || p instanceof Or) {
            out.append(p instanceof And ? "and" : "or");
            for (Predicate c : p instanceof And ? ((And) p).children : ((Or) p).children) {
                print(c, depth + 1, out);
            }
        } else if (p instanceof Not) {
            out.append("not");
            print(((Not) p).child, depth + 1, out);
        } else {
            out.append(p);
        }
    }
}
