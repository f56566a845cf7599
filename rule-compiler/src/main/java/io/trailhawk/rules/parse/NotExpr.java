package io.trailhawk.rules.parse;

public final class NotExpr extends Expr {
    private final Expr child;

    public NotExpr(Expr child, int offset) {
        super(offset);
        this.child = child;
    }

    @Override
    public Kind kind() {
        return Kind.NOT;
    }

    public Expr child() {
        return child;
    }

    @Override
    public String toString() {
        return "not(" + child + ")";
    }
}
