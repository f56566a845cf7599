package io.trailhawk.rules.eval;

import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.List;

/** {@code and}, {@code or} and {@code not} over compiled children. */
public final class Logical {
    private Logical() {
    }

    public static Predicate and(List<Predicate> children) {
        return children.size() == 1 ? children.get(0) : new And(children.toArray(new Predicate[0]));
    }

    public static Predicate or(List<Predicate> children) {
        return children.size() == 1 ? children.get(0) : new Or(children.toArray(new Predicate[0]));
    }

    public static Predicate not(Predicate child) {
        return child instanceof Not ? ((Not) child).child : new Not(child);
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
    }
}
