package io.trailhawk.rules.compile;

import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.parse.BinaryCheck;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the values of a field that a condition requires: a rule whose condition can only be true when, say,
 * {@code eventName} is in some set never needs to see other events. In substring mode, finds instead substrings
 * one of which the field must contain. Returns null when a condition does not constrain the field.
 */
final class RequiredValues {
    private final java.util.function.Predicate<ValueAccess> key;
    private final boolean substrings;

    private RequiredValues(java.util.function.Predicate<ValueAccess> key, boolean substrings) {
        this.key = key;
        this.substrings = substrings;
    }

    /** {@code eventName}, through {@code ct.name} or a JSON pointer to it. */
    static final RequiredValues NAME = new RequiredValues(a -> isMember(a, "ct.name", "eventName"), false);
    /** {@code eventSource}, through {@code ct.src} or a JSON pointer to it. */
    static final RequiredValues SOURCE = new RequiredValues(a -> isMember(a, "ct.src", "eventSource"), false);

    /** Any one field, as written: {@code field} with {@code arg} (null when it takes none). */
    static RequiredValues of(String field, String arg) {
        return new RequiredValues(field(field, arg), false);
    }

    /**
     * Substrings, one of which the field must contain, ignoring case, for the condition to hold: from
     * {@code contains}, {@code icontains}, {@code startswith}, {@code endswith}, and equality too.
     */
    static RequiredValues substringsOf(String field, String arg) {
        return new RequiredValues(field(field, arg), true);
    }

    private static java.util.function.Predicate<ValueAccess> field(String field, String arg) {
        return a -> !a.isTransform() && a.field().equals(field) && java.util.Objects.equals(a.arg(), arg);
    }

    Set<String> required(Condition c) {
        switch (c.kind()) {
            case TYPED:
                return fromCheck(((Condition.Typed) c).check);
            case CONTAINS_ANY: {
                Condition.ContainsAny fused = (Condition.ContainsAny) c;
                return substrings && key.test(fused.access) ? new LinkedHashSet<>(fused.needles) : null;
            }
            case CONSTANT:
                // Nothing meets a condition that cannot hold.
                return c == Condition.FALSE ? new LinkedHashSet<>() : null;
            case ALL: {
                Set<String> result = null;
                for (Condition child : ((Condition.Group) c).children) {
                    Set<String> s = required(child);
                    if (s != null && substrings) {
                        // Containing one of these is required; so is containing one of another child's.
                        return s;
                    }
                    if (s != null) {
                        if (result == null) {
                            result = new LinkedHashSet<>(s);
                        } else {
                            result.retainAll(s);
                        }
                    }
                }
                return result;
            }
            case ANY: {
                Set<String> result = new LinkedHashSet<>();
                for (Condition child : ((Condition.Group) c).children) {
                    Set<String> s = required(child);
                    if (s == null) {
                        return null;
                    }
                    result.addAll(s);
                }
                return result;
            }
            default:
                return null;
        }
    }

    private Set<String> fromCheck(CheckExpr check) {
        if (check.isUnary() || check.binary().rhs().isRead() || !key.test(check.lhs())) {
            return null;
        }
        BinaryCheck c = check.binary();
        Operator op = c.operator();
        boolean anyOf = op == Operator.EQ && c.modifier() == Operator.Modifier.ANYOF;
        if ((op == Operator.EQ && !c.isModified()) || anyOf || op == Operator.IN || op == Operator.INTERSECTS) {
            return new LinkedHashSet<>(c.constants());
        }
        if (substrings && !c.isModified() && (op == Operator.CONTAINS || op == Operator.ICONTAINS
                || op == Operator.STARTSWITH || op == Operator.ENDSWITH)) {
            return new LinkedHashSet<>(c.constants());
        }
        return null;
    }

    private static boolean isMember(ValueAccess a, String ctField, String member) {
        if (a.isTransform()) {
            return false;
        }
        if (a.field().equals(ctField) && a.arg() == null) {
            return true;
        }
        boolean json = a.field().equals("json.value") || a.field().equals("jevt.value");
        return json && (("/" + member).equals(a.arg()) || member.equals(a.arg()));
    }
}
