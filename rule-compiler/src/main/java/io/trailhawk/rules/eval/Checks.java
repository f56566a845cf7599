package io.trailhawk.rules.eval;

import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.field.Extractor;
import java.util.List;
import java.util.Set;

/**
 * Leaf predicates: a value read from the event, compared with constants or another value. A missing value makes
 * every comparison false; only an enclosing {@code not} turns that into true. Each prints as the check it was
 * compiled from ({@code text}), so a compiled condition can be read back.
 */
public final class Checks {
    private Checks() {
    }

    /** A leaf that prints as its source text. */
    private abstract static class Leaf implements Predicate {
        private final String text;

        Leaf(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static Predicate exists(String text, Extractor value) {
        return new Leaf(text) {
            @Override
            public boolean test(CloudTrailEvent e) {
                return value.extract(e) != null;
            }
        };
    }

    /** A string-valued field against a matcher. */
    public static Predicate string(String text, Extractor value, StringMatcher matcher) {
        return new Leaf(text) {
            @Override
            public boolean test(CloudTrailEvent e) {
                Object v = value.extract(e);
                return v instanceof String && matcher.matches((String) v);
            }
        };
    }

    /** A numeric field with an ordering operator ({@code = != < <= > >=}); comparisons are unsigned. */
    public static Predicate number(String text, Extractor value, Operator op, long constant) {
        if (!op.isOrdering()) {
            throw new IllegalArgumentException("not an ordering operator: " + op.spelling());
        }
        return new Leaf(text) {
            @Override
            public boolean test(CloudTrailEvent e) {
                Object v = value.extract(e);
                return v instanceof Long && op.holds(Long.compareUnsigned((Long) v, constant));
            }
        };
    }

    public static Predicate numberIn(String text, Extractor value, Set<Long> constants) {
        return new Leaf(text) {
            @Override
            public boolean test(CloudTrailEvent e) {
                Object v = value.extract(e);
                return v instanceof Long && constants.contains(v);
            }
        };
    }

    /** A boolean field compared with {@code = true}, {@code != false} and so on. */
    public static Predicate bool(String text, Extractor value, boolean equal, Set<Boolean> constants) {
        return new Leaf(text) {
            @Override
            public boolean test(CloudTrailEvent e) {
                Object v = value.extract(e);
                return v instanceof Boolean && constants.contains(v) == equal;
            }
        };
    }

    /** A list field with {@code in} (every element in the set) or {@code intersects} (any element in it). */
    public static Predicate list(String text, Extractor value, Set<String> constants, boolean every) {
        return new Leaf(text) {
            @Override
            public boolean test(CloudTrailEvent e) {
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
            }
        };
    }

    /** True when exactly one of {@code each} holds: {@code oneof} on a number. */
    public static Predicate exactlyOne(String text, List<Predicate> each) {
        Predicate[] all = each.toArray(new Predicate[0]);
        return new Leaf(text) {
            @Override
            public boolean test(CloudTrailEvent e) {
                int n = 0;
                for (Predicate p : all) {
                    if (p.test(e) && ++n > 1) {
                        return false;
                    }
                }
                return n == 1;
            }
        };
    }

    /**
     * {@code f icontains a or f icontains b or ...} on one string field, fused: one pass over the value finds any
     * of the needles ({@link NeedleSet}). Prints as {@code f icontains any of (a, b, ...)}.
     */
    public static Predicate containsAnyIgnoreCase(String field, Extractor value, List<String> needles) {
        NeedleSet set = NeedleSet.of(needles);
        return new Leaf(field + " icontains any of (" + String.join(", ", needles) + ")") {
            @Override
            public boolean test(CloudTrailEvent e) {
                Object v = value.extract(e);
                return v instanceof String && set.foundIn((String) v);
            }
        };
    }

    /** {@code lhs op val(rhs)} between two values of the same type. */
    public static Predicate fields(String text, Extractor lhs, Operator op, Extractor rhs) {
        return new FieldComparison(text, lhs, op, rhs);
    }
}
