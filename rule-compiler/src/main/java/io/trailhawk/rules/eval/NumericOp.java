package io.trailhawk.rules.eval;

/** An ordering comparison applied to the sign of a {@code compare} result. */
enum NumericOp {
    EQ, NE, LT, LE, GT, GE;

    static NumericOp of(String op) {
        switch (op) {
            case "=": return EQ;
            case "!=": return NE;
            case "<": return LT;
            case "<=": return LE;
            case ">": return GT;
            case ">=": return GE;
            default: throw new IllegalArgumentException("not an ordering operator: " + op);
        }
    }

    boolean holds(int cmp) {
        switch (this) {
            case EQ: return cmp == 0;
            case NE: return cmp != 0;
            case LT: return cmp < 0;
            case LE: return cmp <= 0;
            case GT: return cmp > 0;
            case GE: return cmp >= 0;
            default: throw new IllegalStateException();
        }
    }
}
