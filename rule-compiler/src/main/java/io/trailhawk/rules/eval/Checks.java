package io.trailhawk.rules.eval;

import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.field.Extractor;
import java.util.List;
import java.util.Set;

/**
 * Leaf predicates: a value read from the event, compared with constants or another value. A missing value makes
 * every comparison false; only an enclosing {@code not} turns that into true.
 */
public final class Checks {
    private Checks() {
    }

    public static Predicate exists(Extractor value) {
        return e -> value.extract(e) != null;
    }

    /** A string-valued field against a matcher. */
    public static Predicate string(Extractor value, StringMatcher matcher) {
        return new StringCheck(value, matcher);
    }

    /** A numeric field with an ordering operator ({@code = != < <= > >=}); comparisons are unsigned. */
    public static Predicate number(Extractor value, Operator op, long constant) {
        if (!op.isOrdering()) {
            throw new IllegalArgumentException("not an ordering operator: " + op.spelling());
        }
        return new NumberCheck(value, op, constant);
    }

    public static Predicate numberIn(Extractor value, Set<Long> constants) {
        return e -> {
            Object v = value.extract(e);
            return v instanceof Long && constants.contains(v);
        };
    }

    /** A boolean field compared with {@code = true}, {@code != false} and so on. */
    public static Predicate bool(Extractor value, boolean equal, Set<Boolean> constants) {
        return e -> {
            Object v = value.extract(e);
            return v instanceof Boolean && constants.contains(v) == equal;
        };
    }

    /** A list field with {@code in} (every element in the set) or {@code intersects} (any element in it). */
    public static Predicate list(Extractor value, Set<String> constants, boolean every) {
        return e -> {
            Object v = value.extract(e);
            if (!(v instanceof List) || constants.isEmpty()) {
                return false;
            }
            for (Object o : (List<?>) v) {
                boolean in = constants.contains(o);
                if (every && !in) {
                    return false;
                }
                if (!every && in) {
                    return true;
                }
            }
            return every;
        };
    }

    /**
     * {@code f icontains a or f icontains b or ...} on one string field, fused: one pass over the value finds any
     * of the needles ({@link NeedleSet}).
     */
    public static Predicate containsAnyIgnoreCase(Extractor value, List<String> needles) {
        NeedleSet set = NeedleSet.of(needles);
        return e -> {
            Object v = value.extract(e);
            return v instanceof String && set.foundIn((String) v);
        };
    }

    /** {@code lhs op val(rhs)} between two values of the same type. */
    public static Predicate fields(Extractor lhs, Operator op, Extractor rhs) {
        return new FieldComparison(lhs, op, rhs);
    }

    private static final class StringCheck implements Predicate {
        private final Extractor value;
        private final StringMatcher matcher;

        StringCheck(Extractor value, StringMatcher matcher) {
            this.value = value;
            this.matcher = matcher;
        }

        @Override
        public boolean test(CloudTrailEvent event) {
            Object v = value.extract(event);
            return v instanceof String && matcher.matches((String) v);
        }
    }

    private static final class NumberCheck implements Predicate {
        private final Extractor value;
        private final Operator op;
        private final long constant;

        NumberCheck(Extractor value, Operator op, long constant) {
            this.value = value;
            this.op = op;
            this.constant = constant;
        }

        @Override
        public boolean test(CloudTrailEvent event) {
            Object v = value.extract(event);
            return v instanceof Long && op.holds(Long.compareUnsigned((Long) v, constant));
        }
    }
}
