package io.trailhawk.rules.parse;

import java.util.Collections;
import java.util.List;

/** An n-ary {@code and} or {@code or}. */
public final class LogicalExpr extends Expr {
    private final Kind kind;
    private final List<Expr> children;

    public LogicalExpr(Kind kind, List<Expr> children, int offset) {
        super(offset);
        if (kind != Kind.AND && kind != Kind.OR) {
            throw new IllegalArgumentException("not a logical kind: " + kind);
        }
        this.kind = kind;
        this.children = Collections.unmodifiableList(children);
    }

    @Override
    public Kind kind() {
        return kind;
    }

    public List<Expr> children() {
        return children;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind == Kind.AND ? "and(" : "or(");
        for (int i = 0; i < children.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(children.get(i));
        }
        return sb.append(')').toString();
    }
}
