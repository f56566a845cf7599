package io.trailhawk.rules.compile;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.MacroRefExpr;
import io.trailhawk.rules.parse.NotExpr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces macro references by the macros' conditions, giving the macro-free {@link Condition} every later pass
 * reads. Each macro is resolved once, used or not, as Falco compiles every macro: a reference to a macro not defined
 * before the referring one, or a loop, is an error reported where the reference is written. A rule or macro that
 * refers to a macro that failed to parse or resolve fails too, without a second message.
 */
final class MacroResolver {
    private final Map<String, ParsedMacro> macros;
    private final Diagnostics diag;
    private final Map<String, Optional<Condition>> resolved = new HashMap<>();
    private final Set<String> resolving = new LinkedHashSet<>();
    private final Set<String> used = new HashSet<>();

    MacroResolver(Map<String, ParsedMacro> macros, Diagnostics diag) {
        this.macros = macros;
        this.diag = diag;
    }

    /**
     * The macro-free form of a rule's condition; empty when it refers to a macro it cannot use. The rule's own
     * reference errors go to {@code problems}; a macro's go to the resolver's diagnostics, once.
     */
    Optional<Condition> rule(Expr condition, Condition.Origin origin, Diagnostics problems) {
        return resolve(condition, origin, null, problems);
    }

    /** Resolves a macro, so that its reference errors are reported whether or not a rule uses it. */
    void macro(ParsedMacro m) {
        resolved(m);
    }

    /** Macros some rule or macro refers to. */
    Set<String> used() {
        return Collections.unmodifiableSet(used);
    }

    private Optional<Condition> resolved(ParsedMacro m) {
        Optional<Condition> known = resolved.get(m.info.name());
        if (known != null) {
            return known;
        }
        Optional<Condition> r = Optional.empty();
        if (m.ast.isPresent()) {
            resolving.add(m.info.name());
            try {
                r = resolve(m.ast.get(), new Condition.Origin(m.text, "macro '" + m.info.name() + "'"), m, diag);
            } finally {
                resolving.remove(m.info.name());
            }
        }
        resolved.put(m.info.name(), r);
        return r;
    }

    /** {@code in}: the macro whose condition {@code e} is part of, or null for a rule's. */
    private Optional<Condition> resolve(Expr e, Condition.Origin origin, ParsedMacro in, Diagnostics problems) {
        switch (e.kind()) {
            case AND:
            case OR: {
                List<Condition> children = new ArrayList<>();
                boolean failed = false;
                for (Expr c : ((LogicalExpr) e).children()) {
                    Optional<Condition> r = resolve(c, origin, in, problems);
                    failed |= r.isEmpty();
                    r.ifPresent(children::add);
                }
                if (failed) {
                    return Optional.empty();
                }
                return Optional.of(e.kind() == Expr.Kind.AND ? Condition.all(children) : Condition.any(children));
            }
            case NOT:
                return resolve(((NotExpr) e).child(), origin, in, problems).map(Condition.Not::new);
            case CHECK:
                return Optional.of(new Condition.Check((CheckExpr) e, origin));
            case MACRO_REF:
                return reference((MacroRefExpr) e, origin, in, problems);
            default:
                throw new IllegalStateException("unknown expression kind " + e.kind());
        }
    }

    private Optional<Condition> reference(MacroRefExpr ref, Condition.Origin origin, ParsedMacro in,
            Diagnostics problems) {
        ParsedMacro target = macros.get(ref.name());
        if (target == null || (in != null && target.info.index() >= in.info.visibility())) {
            problems.error(origin.at(ref.offset()), origin.item, "Undefined macro '" + ref.name() + "' used in filter.");
            return Optional.empty();
        }
        used.add(target.info.name());
        if (resolving.contains(target.info.name())) {
            problems.error(origin.at(ref.offset()), origin.item, "reference loop in macro '" + target.info.name() + "'");
            return Optional.empty();
        }
        return resolved(target);
    }
}
