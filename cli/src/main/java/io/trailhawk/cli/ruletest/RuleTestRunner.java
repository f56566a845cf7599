package io.trailhawk.cli.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleValidationException;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.event.CloudTrailRecords;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.stateful.StatefulStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs rule test cases against a compiled ruleset (every matching rule alerts). */
public final class RuleTestRunner {
    /** The job's default {@code watermark.out-of-orderness}. */
    public static final long OUT_OF_ORDERNESS_NANOS = 5 * 60_000_000_000L;

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
        for (int i = 0; i < c.events().size(); i++) {
            CloudTrailRecords.Verdict v = CloudTrailRecords.check(c.events().get(i));
            if (v != CloudTrailRecords.Verdict.EVALUATE) {
                return (c.events().size() == 1 ? "the event" : "event " + i) + " would not be evaluated: "
                        + v.reason();
            }
        }
        if (c.expectAlert() && !rule.enabled()) {
            return "rule '" + c.rule() + "' is disabled";
        }
        List<Alert> fired = new ArrayList<>();
        for (Alert a : replay(rules, c.events())) {
            if (a.rule().equals(c.rule())) {
                fired.add(a);
            }
        }
        if (c.expectedCount() != null && fired.size() != c.expectedCount()) {
            return "expected " + c.expectedCount() + " alerts from rule '" + c.rule() + "', got " + fired.size();
        }
        if (c.triggeredBy() != null) {
            List<Integer> actual = new ArrayList<>();
            for (Alert a : fired) {
                actual.add(indexOf(c.events(), a.eventId()));
            }
            if (!actual.equals(c.triggeredBy())) {
                return "expected alerts triggered by events " + c.triggeredBy() + ", got " + actual;
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

    /**
     * The alerts the events give, stateful rules included, with the events ordered by event time under the job's
     * default out-of-orderness bound, as {@code replay} orders them.
     */
    private static List<Alert> replay(CompiledRuleset rules, List<JsonNode> events) {
        StatefulStream stream = new StatefulStream(rules, OUT_OF_ORDERNESS_NANOS);
        List<Alert> out = new ArrayList<>();
        long n = 0;
        for (JsonNode e : events) {
            CloudTrailEvent event = CloudTrailEvent.of(e, ++n);
            out.addAll(stream.accept(event.timeNanos(), rules.evaluate(event)));
        }
        out.addAll(stream.finish());
        return out;
    }

    private static int indexOf(List<JsonNode> events, String eventId) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).path("eventID").asText("").equals(eventId)) {
                return i;
            }
        }
        return -1;
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
            // A feeder rule never alerts itself: the cases of the sequences it feeds test it.
            if (!found && r.enabled() && r.alerts()) {
                missing.add(r.name());
            }
        }
        return Collections.unmodifiableList(missing);
    }
}
