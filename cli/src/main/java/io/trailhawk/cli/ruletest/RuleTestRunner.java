package io.trailhawk.cli.ruletest;

import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleValidationException;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.event.CloudTrailRecords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs rule test cases against a compiled ruleset (every matching rule alerts). */
public final class RuleTestRunner {
    private final List<RulesFile> files;
    private final CompiledRuleset rules;
    private final Map<String, CompiledRuleset> tuned = new HashMap<>();

    public RuleTestRunner(List<RulesFile> files, CompiledRuleset rules) {
        this.files = files;
        this.rules = rules;
    }

    /** The outcome of one case: null when it passed, else why it failed. */
    public String run(RuleTestCase c) {
        CompiledRuleset rules = this.rules;
        if (c.extraRules() != null) {
            try {
                rules = tuned(c);
            } catch (RuleValidationException e) {
                return "the case's rules do not compile: " + e.getMessage();
            }
        }
        CompiledRule rule = null;
        for (CompiledRule r : rules.rules()) {
            if (r.name().equals(c.rule())) {
                rule = r;
            }
        }
        if (rule == null) {
            return "no rule named '" + c.rule() + "' is loaded";
        }
        CloudTrailRecords.Verdict v = CloudTrailRecords.check(c.event());
        if (v != CloudTrailRecords.Verdict.EVALUATE) {
            return "the event would not be evaluated: " + v.reason();
        }
        if (c.expectAlert() && !rule.enabled()) {
            return "rule '" + c.rule() + "' is disabled";
        }
        List<Alert> fired = new ArrayList<>();
        for (Alert a : rules.evaluate(CloudTrailEvent.of(c.event(), 1))) {
            if (a.rule().equals(c.rule())) {
                fired.add(a);
            }
        }
        if (c.expectAlert() && fired.isEmpty()) {
            return "expected rule '" + c.rule() + "' to fire, but it did not";
        }
        if (!c.expectAlert() && !fired.isEmpty()) {
            return "expected no alert from rule '" + c.rule() + "', but it fired: " + fired.get(0).output();
        }
        if (c.expectAlert() && c.expectedOutput() != null && !c.expectedOutput().equals(fired.get(0).output())) {
            return "output differs\n    expected: " + c.expectedOutput() + "\n    actual:   " + fired.get(0).output();
        }
        return null;
    }

    private CompiledRuleset tuned(RuleTestCase c) throws RuleValidationException {
        CompiledRuleset r = tuned.get(c.extraRules());
        if (r == null) {
            List<RulesFile> all = new ArrayList<>(files);
            all.add(RulesFile.of(c.location() + " (rules)", c.extraRules()));
            r = RuleCompiler.builder().build().compile(all);
            tuned.put(c.extraRules(), r);
        }
        return r;
    }

    /** Names of loaded rules that have no passing case of the given kind among {@code cases}. */
    public List<String> rulesWithout(List<RuleTestCase> cases, boolean alert) {
        List<String> missing = new ArrayList<>();
        for (CompiledRule r : rules.rules()) {
            boolean found = false;
            for (RuleTestCase c : cases) {
                if (c.rule().equals(r.name()) && c.expectAlert() == alert) {
                    found = true;
                }
            }
            if (!found && r.enabled()) {
                missing.add(r.name());
            }
        }
        return Collections.unmodifiableList(missing);
    }
}
