package io.trailhawk.rules.eval;

import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.List;

/**
 * {@code and}, {@code or} and {@code not} over compiled children, and the constants {@link #NEVER} and
 * {@link #ALWAYS}. The compiler folds constants before it builds these, so a rule that cannot match is known at
 * compile time.
 */
public final class Logical {
    /** A condition no event satisfies. */
    public static final Predicate NEVER = new Constant(false);
    /** A condition every event satisfies. */
    public static final Predicate ALWAYS = new Constant(true);

    private Logical() {
    }

    public static Predicate and(List<Predicate> children) {
        return children.size() == 1 ? children.get(0) : new And(children.toArray(new Predicate[0]));
    }

    public static Predicate or(List<Predicate> children) {
        return children.size() == 1 ? children.get(0) : new Or(children.toArray(new Predicate[0]));
    }

    public static Predicate not(Predicate child) {
        return new Not(child);
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
