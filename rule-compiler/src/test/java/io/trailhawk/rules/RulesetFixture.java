package io.trailhawk.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Compiles rules from text and evaluates events given as JSON text, for tests. */
public final class RulesetFixture {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RulesetFixture() {
    }

    /** Files given as alternating name, content. */
    public static CompiledRuleset compile(String... nameAndContent) throws RuleValidationException {
        return compile(RuleCompiler.builder().build(), nameAndContent);
    }

    public static CompiledRuleset compile(RuleCompiler compiler, String... nameAndContent)
            throws RuleValidationException {
        List<RulesFile> files = new ArrayList<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            files.add(RulesFile.of(nameAndContent[i], nameAndContent[i + 1]));
        }
        return compiler.compile(files);
    }

    /** The issues a rejected ruleset reports, rendered as FILE:LINE:COL lines. Fails if it compiles. */
    public static List<String> errors(String... nameAndContent) {
        try {
            compile(nameAndContent);
        } catch (RuleValidationException e) {
            return e.issues().stream().filter(Issue::isError).map(Issue::toString).collect(Collectors.toList());
        }
        throw new AssertionError("expected the ruleset to be rejected");
    }

    public static List<String> warnings(String... nameAndContent) throws RuleValidationException {
        return compile(nameAndContent).warnings().stream().map(Issue::toString).collect(Collectors.toList());
    }

    public static CloudTrailEvent event(String json) {
        try {
            return CloudTrailEvent.of(MAPPER.readTree(json), 1);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A minimal valid record with the given top-level members merged in (JSON object text without braces). */
    public static CloudTrailEvent record(String members) {
        String base = "\"eventVersion\":\"1.08\",\"eventTime\":\"2023-07-10T12:00:00Z\",\"eventType\":\"AwsApiCall\","
                + "\"eventID\":\"ev-1\",\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"123456789012\"";
        return event("{" + base + (members.isEmpty() ? "" : "," + members) + "}");
    }

    public static List<String> firing(CompiledRuleset rules, CloudTrailEvent e) {
        return rules.evaluate(e).stream().map(Alert::rule).collect(Collectors.toList());
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A one-rule file: {@code condition} and {@code output} as given. */
    public static String rule(String name, String condition, String output) {
        return "- rule: " + name + "\n  desc: test\n  condition: '" + condition.replace("'", "''") + "'\n  output: '"
                + output.replace("'", "''") + "'\n  priority: WARNING\n";
    }

    /** True when a rule with this condition fires on the record. */
    public static boolean matches(String condition, CloudTrailEvent e) {
        try {
            return !compile("t.yaml", rule("R", condition, "x")).evaluate(e).isEmpty();
        } catch (RuleValidationException ex) {
            throw new AssertionError(ex.getMessage(), ex);
        }
    }
}
