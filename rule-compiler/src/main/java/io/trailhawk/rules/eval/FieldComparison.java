package io.trailhawk.rules.eval;

import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.field.Extractor;
import java.util.HashSet;
import java.util.List;

/** Field-to-field comparison ({@code val()}). Both sides are read from the same event; either missing is false. */
final class FieldComparison implements Predicate {
    private final Extractor lhs;
    private final String op;
    private final Extractor rhs;

    FieldComparison(Extractor lhs, String op, Extractor rhs) {
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
            return compareOrdered(Long.compareUnsigned((Long) l, (Long) r));
        }
        if (l instanceof String && r instanceof String) {
            String a = (String) l;
            String b = (String) r;
            switch (op) {
                case "contains": return a.contains(b);
                case "icontains": return StringMatchers.asciiLower(a).contains(StringMatchers.asciiLower(b));
                case "startswith": return a.startsWith(b);
                case "endswith": return a.endsWith(b);
                case "glob": return Glob.compile(b, false).matches(a);
                case "iglob": return Glob.compile(b, true).matches(a);
                case "in":
                case "intersects": return a.equals(b);
                default: return compareOrdered(StringMatchers.compareBytes(a, b));
            }
        }
        return (op.equals("=") || op.equals("in") || op.equals("intersects")) ? l.equals(r)
                : op.equals("!=") && !l.equals(r);
    }

    private boolean compareOrdered(int cmp) {
        return NumericOp.of(op).holds(cmp);
    }

    private boolean compareLists(List<?> l, List<?> r) {
        HashSet<Object> set = new HashSet<>(r);
        if (op.equals("in")) {
            return !set.isEmpty() && set.containsAll(l);
        }
        if (op.equals("intersects")) {
            for (Object o : l) {
                if (set.contains(o)) {
                    return true;
                }
            }
        }
        return false;
    }
}
