package io.trailhawk.rules.compile;

import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.MacroRefExpr;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the event names a condition requires: a rule whose condition can only be true for {@code eventName} in
 * some set never needs to see other events. Returns null when a condition does not constrain the name.
 */
final class EventNameIndex {
    private EventNameIndex() {
    }

    static Set<String> requiredNames(Expr e, Map<String, ParsedMacro> macros) {
        return names(e, macros, new HashSet<>());
    }

    private static Set<String> names(Expr e, Map<String, ParsedMacro> macros, Set<String> visiting) {
        switch (e.kind()) {
            case CHECK:
                return fromCheck((CheckExpr) e);
            case AND: {
                Set<String> result = null;
                for (Expr c : ((LogicalExpr) e).children()) {
                    Set<String> s = names(c, macros, visiting);
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
            case OR: {
                Set<String> result = new LinkedHashSet<>();
                for (Expr c : ((LogicalExpr) e).children()) {
                    Set<String> s = names(c, macros, visiting);
                    if (s == null) {
                        return null;
                    }
                    result.addAll(s);
                }
                return result;
            }
            case MACRO_REF: {
                ParsedMacro m = macros.get(((MacroRefExpr) e).name());
                if (m == null || m.ast == null || !visiting.add(m.info.name())) {
                    return null;
                }
                Set<String> s = names(m.ast, macros, visiting);
                visiting.remove(m.info.name());
                return s;
            }
            default:
                return null;
        }
    }

    private static Set<String> fromCheck(CheckExpr c) {
        if (c.rhsValue() != null || !isEventName(c.lhs())) {
            return null;
        }
        String op = c.operator();
        boolean anyOf = op.equals("=") && "anyof".equals(c.modifier());
        if ((op.equals("=") && c.modifier() == null) || anyOf || op.equals("in") || op.equals("intersects")) {
            return new LinkedHashSet<>(c.values());
        }
        return null;
    }

    private static boolean isEventName(ValueAccess a) {
        if (a.isTransform()) {
            return false;
        }
        if (a.field().equals("ct.name") && a.arg() == null) {
            return true;
        }
        boolean json = a.field().equals("json.value") || a.field().equals("jevt.value");
        return json && ("/eventName".equals(a.arg()) || "eventName".equals(a.arg()));
    }
}
