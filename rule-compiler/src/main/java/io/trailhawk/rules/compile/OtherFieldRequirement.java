package io.trailhawk.rules.compile;

import io.trailhawk.rules.compile.ValueCompiler.Value;
import io.trailhawk.rules.field.FieldType;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * For a rule that requires no event name or source, another field the index can key it by: a plain string field
 * that the condition requires to equal one of some values, or failing that to contain one of some substrings.
 */
final class OtherFieldRequirement {
    private OtherFieldRequirement() {
    }

    /**
     * The first plain string field, in the planned condition's order (fused checks first in their {@code or}),
     * whose value the condition restricts to a set; failing that, the first that must contain one of some
     * substrings. Null when there is none.
     */
    static FieldRequirement of(Condition condition) {
        Map<String, Candidate> checked = new LinkedHashMap<>();
        collect(condition, checked);
        for (FieldRequirement.Kind kind : FieldRequirement.Kind.values()) {
            for (Candidate f : checked.values()) {
                ValueAccess a = f.access;
                RequiredValues r = kind == FieldRequirement.Kind.EQUALS ? RequiredValues.of(a.field(), a.arg())
                        : RequiredValues.substringsOf(a.field(), a.arg());
                Set<String> values = r.required(condition);
                if (values != null) {
                    return new FieldRequirement(f.value.name, f.value.extractor, kind, values);
                }
            }
        }
        return null;
    }

    private static final class Candidate {
        final ValueAccess access;
        final Value value;

        Candidate(ValueAccess access, Value value) {
            this.access = access;
            this.value = value;
        }
    }

    private static void collect(Condition c, Map<String, Candidate> out) {
        switch (c.kind()) {
            case ALL:
            case ANY:
                for (Condition child : ((Condition.Group) c).children) {
                    collect(child, out);
                }
                break;
            case TYPED: {
                Condition.Typed t = (Condition.Typed) c;
                if (!t.check.isUnary() && !t.check.binary().rhs().isRead()) {
                    add(t.check.lhs(), t.lhs, out);
                }
                break;
            }
            case CONTAINS_ANY: {
                Condition.ContainsAny fused = (Condition.ContainsAny) c;
                add(fused.access, fused.field, out);
                break;
            }
            default:
                break;
        }
    }

    private static void add(ValueAccess a, Value v, Map<String, Candidate> out) {
        if (a.isField() && v.type == FieldType.STRING) {
            out.putIfAbsent(a.field() + "[" + a.arg() + "]", new Candidate(a, v));
        }
    }
}
