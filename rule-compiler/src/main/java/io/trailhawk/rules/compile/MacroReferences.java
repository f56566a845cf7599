package io.trailhawk.rules.compile;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.MacroRefExpr;
import io.trailhawk.rules.parse.NotExpr;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks the macro references of macros that no rule uses, as Falco compiles every macro whether used or not: a
 * reference to a macro that is not defined before the referring one, or a reference loop, is an error. Macros a
 * rule uses are checked as the rule is compiled. Every macro reached here counts as used.
 */
final class MacroReferences {
    private final Map<String, ParsedMacro> macros;
    private final Diagnostics diag;
    private final Set<String> used;
    private final Set<String> checked = new HashSet<>();
    private final Set<String> onPath = new LinkedHashSet<>();

    MacroReferences(Map<String, ParsedMacro> macros, Diagnostics diag, Set<String> used) {
        this.macros = macros;
        this.diag = diag;
        this.used = used;
    }

    void check(ParsedMacro m) {
        if (m.ast == null || !checked.add(m.info.name())) {
            return;
        }
        onPath.add(m.info.name());
        walk(m.ast, m);
        onPath.remove(m.info.name());
    }

    private void walk(Expr e, ParsedMacro in) {
        switch (e.kind()) {
            case AND:
            case OR:
                for (Expr c : ((LogicalExpr) e).children()) {
                    walk(c, in);
                }
                break;
            case NOT:
                walk(((NotExpr) e).child(), in);
                break;
            case MACRO_REF: {
                MacroRefExpr ref = (MacroRefExpr) e;
                ParsedMacro target = macros.get(ref.name());
                String item = "macro '" + in.info.name() + "'";
                if (target == null || target.info.index() >= in.info.visibility()) {
                    diag.error(in.text.locationOf(ref.offset()), item, "Undefined macro '" + ref.name()
                            + "' used in filter.");
                } else if (onPath.contains(target.info.name())) {
                    diag.error(in.text.locationOf(ref.offset()), item, "reference loop in macro '"
                            + target.info.name() + "'");
                } else {
                    used.add(target.info.name());
                    check(target);
                }
                break;
            }
            default:
                break;
        }
    }
}
