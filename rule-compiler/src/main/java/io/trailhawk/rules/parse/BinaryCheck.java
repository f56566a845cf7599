package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Operator;
import java.util.List;
import java.util.Objects;

/** {@code lhs op [modifier] rhs}. */
public final class BinaryCheck extends CheckExpr {
    private final Operator.Modifier modifier;
    private final Operand rhs;

    public BinaryCheck(ValueAccess lhs, Operator operator, Operator.Modifier modifier, Operand rhs, int offset,
            int operatorOffset) {
        super(lhs, operator, offset, operatorOffset);
        if (operator.syntax() == Operator.Syntax.UNARY) {
            throw new IllegalArgumentException(operator.spelling() + " takes no right side");
        }
        this.modifier = Objects.requireNonNull(modifier);
        this.rhs = Objects.requireNonNull(rhs);
    }

    /** {@link Operator.Modifier#NONE} unless {@code oneof}, {@code anyof} or {@code allof} was written. */
    public Operator.Modifier modifier() {
        return modifier;
    }

    public boolean isModified() {
        return modifier != Operator.Modifier.NONE;
    }

    public Operand rhs() {
        return rhs;
    }

    /** The constants compared with; none when the right side reads the event. */
    public List<String> constants() {
        return rhs.constants();
    }

    @Override
    public String toString() {
        return lhs() + " " + operator().spelling() + (isModified() ? " " + modifier.spelling() : "") + " " + rhs;
    }
}
