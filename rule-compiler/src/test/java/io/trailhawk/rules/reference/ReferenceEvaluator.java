package io.trailhawk.rules.reference;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.eval.Checks;
import io.trailhawk.rules.eval.MultiValueTransformers;
import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.eval.StringMatchers;
import io.trailhawk.rules.eval.UnsignedNumber;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.json.Projection;
import io.trailhawk.rules.field.Extractor;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.field.UnknownFieldException;
import io.trailhawk.rules.load.ListSubstitution;
import io.trailhawk.rules.load.MacroInfo;
import io.trailhawk.rules.load.RuleCollector;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.parse.BinaryCheck;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.ConditionParser;
import io.trailhawk.rules.parse.ConditionSyntaxException;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import io.trailhawk.rules.parse.MacroRefExpr;
import io.trailhawk.rules.parse.NotExpr;
import io.trailhawk.rules.parse.ValueAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The plain way to run a ruleset: parse the whole record into a tree, then interpret every active rule's condition
 * tree, resolving fields and building comparisons as it goes, with no index and no projection. It exists to check
 * the compiled path against (same verdicts, same order) and as the naive baseline in benchmarks. It builds its own
 * trees from the rule files, so the compiled rules carry none: each rule's final condition text, parsed, with
 * every macro reference replaced by the macro's tree.
 */
public final class ReferenceEvaluator {
    private final CompiledRuleset ruleset;
    private final FieldRegistry registry = FieldRegistry.standard();
    private final Projection whole = Projection.everything();
    private final Map<String, Expr> macros = new HashMap<>();
    private final Map<String, Expr> trees = new HashMap<>();

    /** {@code files}: the files {@code ruleset} was compiled from. */
    public ReferenceEvaluator(List<RulesFile> files, CompiledRuleset ruleset) {
        this.ruleset = ruleset;
        RuleCollector collected = new RuleCollector();
        Diagnostics ignored = new Diagnostics();
        files.forEach(f -> collected.read(f, ignored));
        ListSubstitution lists = ListSubstitution.of(collected.lists(), RuleLimits.defaults(), ignored);
        for (MacroInfo m : collected.macros()) {
            macros.put(m.name(), parse(lists.substitute(m.condition()).text()));
        }
        for (CompiledRule r : ruleset.rules()) {
            trees.put(r.name(), expand(parse(r.conditionText())));
        }
    }

    private static Expr parse(String condition) {
        try {
            return ConditionParser.parse(condition);
        } catch (ConditionSyntaxException e) {
            throw new IllegalStateException("a compiled ruleset's conditions parse: " + condition, e);
        }
    }

    private Expr expand(Expr e) {
        switch (e.kind()) {
            case AND:
            case OR: {
                List<Expr> children = new ArrayList<>();
                for (Expr c : ((LogicalExpr) e).children()) {
                    children.add(expand(c));
                }
                return new LogicalExpr(e.kind(), children, e.offset());
            }
            case NOT:
                return new NotExpr(expand(((NotExpr) e).child()), e.offset());
            case MACRO_REF:
                return expand(macros.get(((MacroRefExpr) e).name()));
            default:
                return e;
        }
    }

    /** A rule's condition tree, macros expanded in place. */
    public Expr tree(String rule) {
        return trees.get(rule);
    }

    /**
     * Names of the rules that match, in rule order. With {@code first} matching: the first that alerts, then every
     * rule that only feeds sequences, in rule order, since a feeder never takes an event.
     */
    public List<String> matchingRules(byte[] recordJson, long number) throws IOException {
        return matchingRules(CloudTrailEvent.of(whole.read(recordJson), number));
    }

    public List<String> matchingRules(CloudTrailEvent e) {
        List<String> out = new ArrayList<>();
        List<String> feeders = new ArrayList<>();
        boolean first = ruleset.matching() == RuleMatching.FIRST;
        for (CompiledRule r : ruleset.activeRules()) {
            // A sequence matches through its steps, never its own condition.
            if (r.isSequence() || !holds(trees.get(r.name()), e)) {
                continue;
            }
            if (first && !r.alerts()) {
                feeders.add(r.name());
            } else if (!first || out.isEmpty()) {
                out.add(r.name());
            }
        }
        out.addAll(feeders);
        return out;
    }

    /** Interprets one condition tree on one event. */
    public boolean holds(Expr expr, CloudTrailEvent e) {
        switch (expr.kind()) {
            case AND:
                for (Expr c : ((LogicalExpr) expr).children()) {
                    if (!holds(c, e)) {
                        return false;
                    }
                }
                return true;
            case OR:
                for (Expr c : ((LogicalExpr) expr).children()) {
                    if (holds(c, e)) {
                        return true;
                    }
                }
                return false;
            case NOT:
                return !holds(((NotExpr) expr).child(), e);
            case CHECK:
                return check((CheckExpr) expr, e);
            default:
                throw new IllegalStateException("macros are expanded in compiled rules: " + expr);
        }
    }

    private boolean check(CheckExpr c, CloudTrailEvent e) {
        Extractor lhsReader = reader(c.lhs());
        Object lhs = lhsReader.extract(e);
        Operator op = c.operator();
        if (op == Operator.EXISTS) {
            return lhs != null;
        }
        if (lhs == null) {
            return false;
        }
        BinaryCheck b = c.binary();
        if (b.rhs().isRead()) {
            return Checks.fields("", lhsReader, op, reader(b.rhs().access())).test(e);
        }
        List<String> values = b.constants();
        if (b.isModified()) {
            return StringMatchers.modified(op, b.modifier(), values).matches((String) lhs);
        }
        if (lhs instanceof String) {
            String s = (String) lhs;
            if (op == Operator.PMATCH) {
                return op.listMatcher(values).matches(s);
            }
            if (op.takesList()) {
                return values.contains(s);
            }
            return op.matcher(values.get(0)).matches(s);
        }
        if (lhs instanceof Long) {
            long v = (Long) lhs;
            List<Long> numbers = new ArrayList<>();
            for (String s : values) {
                numbers.add(UnsignedNumber.parse(s));
            }
            if (op.takesList()) {
                return numbers.contains(v);
            }
            return op.holds(Long.compareUnsigned(v, numbers.get(0)));
        }
        if (lhs instanceof Boolean) {
            boolean in = values.contains(lhs.toString());
            return op == Operator.NE ? !in : in;
        }
        List<?> list = (List<?>) lhs;
        HashSet<String> set = new HashSet<>(values);
        if (set.isEmpty()) {
            return false;
        }
        if (op == Operator.IN) {
            return set.containsAll(list);
        }
        for (Object o : list) {
            if (set.contains(o)) {
                return true;
            }
        }
        return false;
    }

    private Extractor reader(ValueAccess a) {
        switch (a.kind()) {
            case FIELD:
                try {
                    return registry.resolve(a.field(), a.arg()).extractor();
                } catch (UnknownFieldException ex) {
                    throw new IllegalStateException("compiled rules only use known fields", ex);
                }
            case CONSTANT: {
                String v = a.constant();
                return e -> v;
            }
            default:
                break;
        }
        List<Extractor> args = new ArrayList<>();
        for (ValueAccess x : a.arguments()) {
            if (x.kind() == ValueAccess.Kind.LIST) {
                x.arguments().forEach(el -> args.add(reader(el)));
            } else {
                args.add(reader(x));
            }
        }
        switch (a.transformer()) {
            case JOIN:
                return MultiValueTransformers.join(args.get(0), args.subList(1, args.size()));
            case CONCAT:
                return MultiValueTransformers.concat(args);
            case GETOPT:
                return MultiValueTransformers.getopt(args.subList(0, args.size() - 1), args.get(args.size() - 1),
                        a.arg());
            default:
                return a.transformer().apply(args.get(0));
        }
    }
}
