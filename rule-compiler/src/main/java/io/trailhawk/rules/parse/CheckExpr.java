package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Operator;
import java.util.Collections;
import java.util.List;

/**
 * {@code lhs op rhs}. The right side is exactly one of: nothing (unary {@code exists}), constant values (one value,
 * or a parenthesised list), or another value ({@code val(field)} or a transformer).
 */
public final class CheckExpr extends Expr {
    private final ValueAccess lhs;
    private final Operator operator;
    private final Operator.Modifier modifier;
    private final List<String> values;
    private final boolean listLiteral;
    private final ValueAccess rhsValue;
    private final int operatorOffset;
    private final int rhsOffset;

    public CheckExpr(ValueAccess lhs, Operator operator, Operator.Modifier modifier, List<String> values, boolean listLiteral,
            ValueAccess rhsValue, int offset, int operatorOffset, int rhsOffset) {
        super(offset);
        this.lhs = lhs;
        this.operator = operator;
        this.modifier = modifier;
        this.values = values == null ? Collections.emptyList() : Collections.unmodifiableList(values);
        this.listLiteral = listLiteral;
        this.rhsValue = rhsValue;
        this.operatorOffset = operatorOffset;
        this.rhsOffset = rhsOffset;
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

    /** The modifier ({@code oneof}, {@code anyof}, {@code allof}), or null. */
    public Operator.Modifier modifier() {
        return modifier;
    }

    public List<String> values() {
        return values;
    }

    /** True when the right side was written as a parenthesised list. */
    public boolean isListLiteral() {
        return listLiteral;
    }

    public ValueAccess rhsValue() {
        return rhsValue;
    }

    public int operatorOffset() {
        return operatorOffset;
    }

    public int rhsOffset() {
        return rhsOffset;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(lhs).append(' ').append(operator.spelling());
        if (modifier != null) {
            sb.append(' ').append(modifier.spelling());
        }
        if (rhsValue != null) {
            sb.append(" val(").append(rhsValue).append(')');
        } else if (listLiteral) {
            sb.append(" (").append(String.join(", ", values)).append(')');
        } else if (!values.isEmpty()) {
            sb.append(' ').append(values.get(0));
        }
        return sb.toString();
    }
}
