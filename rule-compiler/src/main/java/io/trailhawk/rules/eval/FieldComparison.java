package io.trailhawk.rules.eval;

import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.field.Extractor;
import java.util.HashSet;
import java.util.List;

/** Field-to-field comparison ({@code val()}). Both sides are read from the same event; either missing is false. */
final class FieldComparison implements Predicate {
    private final String text;
    private final Extractor lhs;
    private final Operator op;
    private final Extractor rhs;

    FieldComparison(String text, Extractor lhs, Operator op, Extractor rhs) {
        this.text = text;
        this.lhs = lhs;
        this.op = op;
        this.rhs = rhs;
    }

    @Override
    public boolean test(CloudTrailEvent event) {
        Object l = lhs.extract(event);
        if (l == null) {
            return false;
        }
        Object r = rhs.extract(event);
        if (r == null) {
            return false;
        }
        if (l instanceof List) {
            return r instanceof List && compareLists((List<?>) l, (List<?>) r);
        }
        if (l instanceof Long && r instanceof Long) {
            return op.isOrdering() ? op.holds(Long.compareUnsigned((Long) l, (Long) r))
                    : op.takesList() && l.equals(r);
        }
        if (l instanceof String && r instanceof String) {
            // The right side changes from event to event, so its matcher is built for each.
            return op.matcher((String) r).matches((String) l);
        }
        return (op == Operator.EQ || op == Operator.IN || op == Operator.INTERSECTS) ? l.equals(r)
                : op == Operator.NE && !l.equals(r);
    }

    private boolean compareLists(List<?> l, List<?> r) {
        HashSet<Object> set = new HashSet<>(r);
        if (op == Operator.IN) {
            return !set.isEmpty() && set.containsAll(l);
        }
        if (op == Operator.INTERSECTS) {
            for (Object o : l) {
                if (set.contains(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
