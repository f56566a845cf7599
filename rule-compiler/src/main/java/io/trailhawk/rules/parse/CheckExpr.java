package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Operator;
import java.util.Objects;

/** A check of what the event holds: unary ({@code f exists}), or a {@link BinaryCheck}. */
public abstract class CheckExpr extends Expr {
    private final ValueAccess lhs;
    private final Operator operator;
    private final int operatorOffset;

    CheckExpr(ValueAccess lhs, Operator operator, int offset, int operatorOffset) {
        super(offset);
        this.lhs = Objects.requireNonNull(lhs);
        this.operator = Objects.requireNonNull(operator);
        this.operatorOffset = operatorOffset;
    }

    @Override
    public Kind kind() {
        return Kind.CHECK;
    }

    public ValueAccess lhs() {
        return lhs;
    }

    public Operator operator() {
        return operator;
    }

    public int operatorOffset() {
        return operatorOffset;
    }

    public boolean isUnary() {
        return this instanceof UnaryCheck;
    }

    /** This check as a binary one; only when it is not {@linkplain #isUnary() unary}. */
    public BinaryCheck binary() {
        if (isUnary()) {
            throw new IllegalStateException(this + " is unary: it has no right side");
        }
        return (BinaryCheck) this;
    }
}
