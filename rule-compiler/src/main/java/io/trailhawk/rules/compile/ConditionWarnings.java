package io.trailhawk.rules.compile;

import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.eval.Transformer;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.parse.BinaryCheck;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings Falco's filter compiler gives for a check that is legal but probably not what its author meant: a
 * constant that names a field or a transformed field (it is compared as text, not read), a regular expression with
 * nothing a plain string operator could not do, and an equality with {@code <NA>} on the legacy JSON fields.
 */
final class ConditionWarnings {
    /** What Falco prints for a field that has no value. */
    static final String NA = "<NA>";
    private static final String REGEX_METACHARACTERS = "\\.^$|?*+()[]{}";

    private final FieldRegistry registry;

    ConditionWarnings(FieldRegistry registry) {
        this.registry = registry;
    }

    /** The warnings for one check, in the order Falco gives them; none for a unary, modified or field check. */
    List<String> of(CheckExpr check) {
        List<String> out = new ArrayList<>();
        if (check.isUnary() || check.binary().isModified() || check.binary().rhs().isRead()) {
            return out;
        }
        BinaryCheck c = check.binary();
        for (String v : c.constants()) {
            String trimmed = v.trim();
            if (isField(trimmed)) {
                out.add("'" + v + "' may be a valid field misused as a const string value; use val(" + trimmed
                        + ") to compare with the field");
            } else if (isTransformedField(trimmed)) {
                out.add("'" + v + "' may be a valid field transformer misused as a const string value");
            }
        }
        if (c.operator() == Operator.REGEX && c.constants().size() == 1 && isLiteral(c.constants().get(0))) {
            out.add("regex check with '" + c.constants().get(0) + "' may be optimized with simpler operators such as "
                    + "'=', 'contains', 'startswith', 'endswith'");
        }
        if (isLegacyJsonField(c.lhs()) && comparesEquality(c.operator()) && c.constants().contains(NA)) {
            out.add("comparing " + c.lhs() + " with <NA> is unsafe: it holds for a missing value and for the text "
                    + "<NA> alike; use '" + c.lhs() + " exists' instead");
        }
        return out;
    }

    private boolean isField(String v) {
        String name = v.contains("[") ? v.substring(0, v.indexOf('[')) : v;
        return name.indexOf('.') > 0 && registry.isField(name);
    }

    /** {@code name(...)} for any transformer, {@code val} included, as Falco checks it. */
    private static boolean isTransformedField(String v) {
        int open = v.indexOf('(');
        if (open <= 0 || !v.endsWith(")")) {
            return false;
        }
        String name = v.substring(0, open);
        return name.equals("val") || Transformer.bySpelling(name) != null;
    }

    private static boolean isLiteral(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (REGEX_METACHARACTERS.indexOf(pattern.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLegacyJsonField(ValueAccess lhs) {
        return lhs.isField() && (lhs.field().startsWith("jevt.") || lhs.field().startsWith("ka."));
    }

    private static boolean comparesEquality(Operator op) {
        return op == Operator.EQ || op == Operator.NE || op.takesList();
    }
}
