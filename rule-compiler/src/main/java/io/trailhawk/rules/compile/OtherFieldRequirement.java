package io.trailhawk.rules.compile;

import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.field.FieldType;
import io.trailhawk.rules.field.ResolvedField;
import io.trailhawk.rules.field.UnknownFieldException;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.MacroRefExpr;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For a rule that requires no event name or source, another field the index can key it by: a plain string field
 * that the condition requires to equal one of some values, or failing that to contain one of some substrings.
 */
final class OtherFieldRequirement {
    private final FieldRegistry registry;
    private final Map<String, ParsedMacro> macros;

    OtherFieldRequirement(FieldRegistry registry, Map<String, ParsedMacro> macros) {
        this.registry = registry;
        this.macros = macros;
    }

    /**
     * The first plain string field, in condition order, whose value the condition restricts to a set; failing
     * that, the first that must contain one of some substrings.
     */
    FieldRequirement of(Expr ast) {
        Set<ValueAccess> checked = new LinkedHashSet<>();
        collectChecked(ast, new HashSet<>(), checked);
        List<ResolvedField> fields = new ArrayList<>();
        List<ValueAccess> accesses = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ValueAccess a : checked) {
            if (!seen.add(a.field() + "[" + a.arg() + "]")) {
                continue;
            }
            try {
                ResolvedField f = registry.resolve(a.field(), a.arg());
                if (f.type() == FieldType.STRING) {
                    fields.add(f);
                    accesses.add(a);
                }
            } catch (UnknownFieldException e) {
                // The condition compiled, so its fields resolve; nothing to index otherwise.
            }
        }
        for (FieldRequirement.Kind kind : FieldRequirement.Kind.values()) {
            for (int i = 0; i < fields.size(); i++) {
                ValueAccess a = accesses.get(i);
                RequiredValues r = kind == FieldRequirement.Kind.EQUALS ? RequiredValues.of(a.field(), a.arg())
                        : RequiredValues.substringsOf(a.field(), a.arg());
                Set<String> values = r.required(ast, macros);
                if (values != null) {
                    return new FieldRequirement(fields.get(i).displayName(), fields.get(i).extractor(), kind, values);
                }
            }
        }
        return null;
    }

    private void collectChecked(Expr e, Set<String> visiting, Set<ValueAccess> out) {
        switch (e.kind()) {
            case AND:
            case OR:
                for (Expr c : ((LogicalExpr) e).children()) {
                    collectChecked(c, visiting, out);
                }
                break;
            case MACRO_REF: {
                ParsedMacro m = macros.get(((MacroRefExpr) e).name());
                if (m != null && m.ast != null && visiting.add(m.info.name())) {
                    collectChecked(m.ast, visiting, out);
                    visiting.remove(m.info.name());
                }
                break;
            }
            case CHECK: {
                ValueAccess lhs = ((CheckExpr) e).lhs();
                if (!lhs.isTransform() && ((CheckExpr) e).rhsValue() == null) {
                    out.add(lhs);
                }
                break;
            }
            default:
                break;
        }
    }
}
