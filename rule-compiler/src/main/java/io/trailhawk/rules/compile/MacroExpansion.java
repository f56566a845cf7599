package io.trailhawk.rules.compile;

import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.MacroRefExpr;
import io.trailhawk.rules.parse.NotExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A condition tree with every macro reference replaced by the macro's own tree. Only for compiled rules. */
final class MacroExpansion {
    private MacroExpansion() {
    }

    static Expr expand(Expr e, Map<String, ParsedMacro> macros) {
        switch (e.kind()) {
            case AND:
            case OR: {
                List<Expr> children = new ArrayList<>();
                for (Expr c : ((LogicalExpr) e).children()) {
                    children.add(expand(c, macros));
                }
                return new LogicalExpr(e.kind(), children, e.offset());
            }
            case NOT:
                return new NotExpr(expand(((NotExpr) e).child(), macros), e.offset());
            case MACRO_REF:
                // The rule compiled, so the macro exists, parsed, and has no reference loop.
                return expand(macros.get(((MacroRefExpr) e).name()).ast, macros);
            default:
                return e;
        }
    }
}
