package io.trailhawk.rules.compile;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.field.UnknownFieldException;
import io.trailhawk.rules.load.ExceptionConditions;
import io.trailhawk.rules.load.ExceptionInfo;
import io.trailhawk.rules.load.ListInfo;
import io.trailhawk.rules.load.ListSubstitution;
import io.trailhawk.rules.load.MacroInfo;
import io.trailhawk.rules.load.PositionedText;
import io.trailhawk.rules.load.RuleCollector;
import io.trailhawk.rules.load.RuleInfo;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.output.OutputTemplate;
import io.trailhawk.rules.output.OutputTemplateCompiler;
import io.trailhawk.rules.parse.ConditionParser;
import io.trailhawk.rules.parse.ConditionSyntaxException;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles everything collected so far: lists, then macros, then rules, as Falco's rule compiler does. Errors
 * point at file, line and column; warnings are reported only when asked, so that the per-file compile passes do
 * not repeat them.
 */
public final class RulesetCompiler {
    public static final String CLOUDTRAIL_SOURCE = RuleInfo.DEFAULT_SOURCE;
    static final String K8S_AUDIT_SOURCE = "k8s_audit";

    private final FieldRegistry registry;
    private final RuleLimits limits;
    private final OutputTemplateCompiler outputs;
    private final StatefulCompiler stateCompiler;

    public RulesetCompiler(FieldRegistry registry, RuleLimits limits) {
        this.registry = registry;
        this.limits = limits;
        this.outputs = new OutputTemplateCompiler(registry);
        this.stateCompiler = new StatefulCompiler(registry);
    }

    public CompiledRules compile(RuleCollector collected, Diagnostics diag, boolean withWarnings) {
        Diagnostics warnings = withWarnings ? diag : new Diagnostics();
        ListSubstitution lists = ListSubstitution.of(collected.lists(), limits, diag);
        Map<String, ParsedMacro> macros = new HashMap<>();
        for (MacroInfo m : collected.macros()) {
            PositionedText text = lists.substitute(m.condition());
            Optional<Expr> ast = Optional.empty();
            if (!tooLong(text, lists, "macro '" + m.name() + "'", diag)) {
                try {
                    ast = Optional.of(ConditionParser.parse(text.text()));
                } catch (ConditionSyntaxException e) {
                    diag.error(text.locationOf(e.offset()), "macro '" + m.name() + "'", e.getMessage());
                }
            }
            macros.put(m.name(), new ParsedMacro(m, text, ast));
        }
        MacroResolver resolver = new MacroResolver(macros, diag);
        for (MacroInfo m : collected.macros()) {
            resolver.macro(macros.get(m.name()));
        }
        ExpansionBounds bounds = new ExpansionBounds(limits);
        Map<String, RuleInfo> rulesByName = new HashMap<>();
        collected.rules().forEach(r -> rulesByName.put(r.name(), r));
        ConditionCompiler conditions = new ConditionCompiler(registry);
        List<CompiledRule> out = new ArrayList<>();
        for (RuleInfo r : collected.rules()) {
            CompiledRule c = compileRule(r, lists, resolver, bounds, conditions, rulesByName, withWarnings, diag,
                    warnings);
            if (c != null) {
                out.add(c);
            }
        }
        Set<String> usedMacros = resolver.used();
        for (MacroInfo m : collected.macros()) {
            if (!usedMacros.contains(m.name())) {
                warnings.warning(m.location(), "macro '" + m.name() + "'", "Macro not referred to by any other rule/macro");
            }
        }
        for (ListInfo l : collected.lists()) {
            if (!lists.used().contains(l.name())) {
                warnings.warning(l.location(), "list '" + l.name() + "'", "List not referred to by any other rule/macro");
            }
        }
        return new CompiledRules(out);
    }

    private CompiledRule compileRule(RuleInfo r, ListSubstitution lists, MacroResolver resolver,
            ExpansionBounds bounds, ConditionCompiler conditions, Map<String, RuleInfo> rulesByName,
            boolean rulesComplete, Diagnostics diag, Diagnostics warnings) {
        String label = "rule '" + r.name() + "'";
        String source = r.effectiveSource();
        if (!source.equals(CLOUDTRAIL_SOURCE) && !source.equals(K8S_AUDIT_SOURCE)) {
            warnings.warning(r.location(), label, "Unknown source " + source + ", skipping");
            return null;
        }
        if (!checkExceptionValues(r, label, diag)) {
            return null;
        }
        PositionedText text = lists.substitute(ExceptionConditions.apply(r.condition(), r.exceptions()));
        if (tooLong(text, lists, label, diag)) {
            return null;
        }
        Expr ast;
        try {
            ast = ConditionParser.parse(text.text());
        } catch (ConditionSyntaxException e) {
            diag.error(text.locationOf(e.offset()), label, e.getMessage());
            return null;
        }
        boolean k8s = source.equals(K8S_AUDIT_SOURCE);
        Diagnostics references = k8s ? new Diagnostics() : diag;
        Optional<Condition> resolution = resolver.rule(ast, new Condition.Origin(text, label), references);
        if (k8s && resolution.isEmpty()) {
            // Its macros come with the k8s_audit rules, which are not loaded here: Falco would skip it too.
            warnings.warning(r.location(), label, "Rule has source k8s_audit and does not resolve here ("
                    + references.errors().get(0).message() + "); only k8s_audit rules whose fields are all jevt.* "
                    + "or json.* are evaluated, skipping");
            return null;
        }
        if (resolution.isEmpty()) {
            return null;
        }
        Condition resolved = resolution.get();
        String tooBig = bounds.problem(resolved);
        if (tooBig != null) {
            diag.error(text.start(), label, tooBig);
            return null;
        }
        if (k8s) {
            String foreign = foreignField(ConditionCompiler.fieldNames(resolved), r);
            if (foreign != null) {
                warnings.warning(r.location(), label, "Rule has source k8s_audit and reads " + foreign
                        + "; only k8s_audit rules whose fields are all jevt.* or json.* are evaluated, skipping");
                return null;
            }
        }
        if (!checkExceptionFields(r, label, diag)) {
            return null;
        }
        ConditionCompiler.Result result = conditions.compile(resolved);
        if (result.predicate.isEmpty() && r.skipIfUnknownFilter() && result.checked.unknownField) {
            // Falco's warning is the error it replaces.
            warnings.warning(r.location(), label, result.checked.errors.get(0).message()
                    + " (skip-if-unknown-filter: skipping the rule)");
            return null;
        }
        result.checked.errors.forEach(diag::add);
        result.checked.warnings.forEach(diag::add);
        OutputTemplate output;
        try {
            output = outputs.compile(r.output().text(), r.stateful().isPresent());
        } catch (OutputTemplateCompiler.OutputSyntaxException e) {
            if (r.skipIfUnknownFilter()) {
                warnings.warning(r.output().locationOf(e.offset()), label, e.getMessage()
                        + " (skip-if-unknown-filter, skipping)");
            } else {
                diag.error(r.output().locationOf(e.offset()), label, e.getMessage());
            }
            return null;
        }
        if (result.predicate.isEmpty()) {
            return null;
        }
        List<String[]> reads = new ArrayList<>(result.reads());
        Optional<StatefulSpec> stateful = Optional.empty();
        if (r.stateful().isPresent()) {
            // The macro-free condition, so that editing a macro the rule uses changes its fingerprint too.
            stateful = stateCompiler.compile(r, r.stateful().get(), resolved.toString(), rulesByName, rulesComplete,
                    diag, warnings, reads);
            if (stateful.isEmpty()) {
                return null;
            }
        }
        return new CompiledRule(r.name(), r.desc(), r.priority(), CLOUDTRAIL_SOURCE, new java.util.TreeSet<>(r.tags()),
                r.enabled(), result.predicate.get(), output, result.eventNames, result.eventSources, result.requirement,
                text.text(), reads, stateful, r.alert(), r.shadow());
    }

    private static boolean tooLong(PositionedText text, ListSubstitution lists, String label, Diagnostics diag) {
        if (text.text().length() <= lists.maxChars()) {
            return false;
        }
        diag.error(text.start(), label, "the condition is longer than " + lists.maxChars()
                + " characters once its lists are substituted");
        return true;
    }

    /** The first field a k8s_audit rule reads that is not {@code jevt.*} or {@code json.*}, or null. */
    private static String foreignField(Set<String> fields, RuleInfo r) {
        Set<String> all = new HashSet<>(fields);
        String output = r.output().text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%\\d*([a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z0-9_]+)+)")
                .matcher(output);
        while (m.find()) {
            all.add(m.group(1));
        }
        for (String f : all) {
            if (!f.startsWith("jevt.") && !f.startsWith("json.")) {
                return f;
            }
        }
        return null;
    }

    /** With a list of fields, each entry of {@code values} is a tuple of as many values, appended ones included. */
    private static boolean checkExceptionValues(RuleInfo r, String label, Diagnostics diag) {
        boolean all = true;
        for (ExceptionInfo ex : r.exceptions()) {
            if (!ex.fieldsIsList()) {
                continue;
            }
            for (Object v : ex.values()) {
                if (!(v instanceof List) || ((List<?>) v).size() != ex.fields().size()) {
                    diag.error(ex.location(), label + ", exception '" + ex.name() + "'",
                            "Fields and values lists must have equal length");
                    all = false;
                    break;
                }
            }
        }
        return all;
    }

    private boolean resolves(ValueAccess field) {
        try {
            registry.resolve(field.field(), field.arg());
            return true;
        } catch (UnknownFieldException e) {
            return false;
        }
    }

    private boolean checkExceptionFields(RuleInfo r, String label, Diagnostics diag) {
        boolean all = true;
        for (ExceptionInfo ex : r.exceptions()) {
            for (String f : ex.fields()) {
                Optional<ValueAccess> field = ConditionParser.parseValueAccess(f.trim()).flatMap(ValueAccess::baseField);
                if (field.isEmpty() || !resolves(field.get())) {
                    all = false;
                    diag.error(ex.location(), label + ", exception '" + ex.name() + "'", "'" + f
                            + "' is not a supported filter field");
                }
            }
        }
        return all;
    }
}
