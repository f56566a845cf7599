package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Operator;

/** {@code lhs op}, with an operator of {@link Operator.Syntax#UNARY} syntax. */
final class UnaryCheck extends CheckExpr {
    UnaryCheck(ValueAccess lhs, Operator operator, int offset, int operatorOffset) {
        super(lhs, operator, offset, operatorOffset);
        if (operator.syntax() != Operator.Syntax.UNARY) {
            throw new IllegalArgumentException(operator.spelling() + " is not a unary operator");
        }
    }

    @Override
    public String toString() {
        return lhs() + " " + operator().spelling();
    }
}
