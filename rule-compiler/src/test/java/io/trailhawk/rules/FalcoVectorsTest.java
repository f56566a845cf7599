package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.parse.ConditionParser;
import io.trailhawk.rules.parse.ConditionPrinter;
import io.trailhawk.rules.parse.ConditionSyntaxException;
import io.trailhawk.rules.reference.ReferenceEvaluator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Behaviours ported from Falco's own test suites (the engine's unit tests, the regression suite's rule files, and
 * libsinsp's filter tests), restated with CloudTrail fields in {@code src/test/resources/falco/}. Falco's verdict is
 * the expected result of each; the vectors that cannot apply to CloudTrail are listed in docs/compatibility.md.
 */
class FalcoVectorsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> vectors(String resource) throws Exception {
        try (InputStream in = FalcoVectorsTest.class.getResourceAsStream("/falco/" + resource)) {
            if (in == null) {
                return List.of();
            }
            Object doc = new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return doc == null ? List.of() : (List<Map<String, Object>>) doc;
        }
    }

    private static String name(Map<String, Object> v) {
        return v.get("id") + " (" + v.get("from") + ")";
    }

    @TestFactory
    Stream<DynamicTest> engineVectors() throws Exception {
        return vectors("engine-vectors.yaml").stream().map(v -> DynamicTest.dynamicTest(name(v), () -> {
            skipDeviation(v);
            engine(v);
        }));
    }

    @TestFactory
    Stream<DynamicTest> filterVectors() throws Exception {
        return vectors("filter-vectors.yaml").stream().map(v -> DynamicTest.dynamicTest(name(v), () -> {
            skipDeviation(v);
            filter(v);
        }));
    }

    /** A vector where Trailhawk differs from Falco on purpose is reported as skipped, with the reason. */
    private static void skipDeviation(Map<String, Object> v) {
        Assumptions.assumeFalse(v.containsKey("deviation"), () -> "deliberate difference: " + v.get("deviation"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return o == null ? List.of() : ((List<Object>) o).stream().map(String::valueOf).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static void engine(Map<String, Object> v) throws Exception {
        List<RulesFile> files = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) v.get("files")) {
            files.add(RulesFile.of(String.valueOf(f.get("name")), String.valueOf(f.get("content"))));
        }
        CompiledRuleset rules = null;
        List<Issue> issues;
        try {
            rules = RuleCompiler.builder().build().compile(files);
            issues = rules.warnings();
        } catch (RuleValidationException e) {
            issues = e.issues();
        }
        List<String> errors = issues.stream().filter(Issue::isError).map(Issue::message).collect(Collectors.toList());
        List<String> warnings = issues.stream().filter(i -> !i.isError()).map(Issue::message)
                .collect(Collectors.toList());
        boolean ok = "ok".equals(String.valueOf(v.get("expect")));
        assertThat(rules != null).as("loads: errors %s", errors).isEqualTo(ok);
        for (String e : strings(v.get("errors"))) {
            assertThat(errors).as("errors").anyMatch(m -> m.contains(e));
        }
        for (String w : strings(v.get("warnings"))) {
            assertThat(warnings).as("warnings").anyMatch(m -> m.contains(w));
        }
        for (String w : strings(v.get("no_warnings"))) {
            assertThat(warnings).as("warnings").noneMatch(m -> m.contains(w));
        }
        if (rules == null) {
            return;
        }
        if (v.containsKey("rules")) {
            assertThat(rules.rules().stream().map(CompiledRule::name)).as("rules")
                    .containsExactlyElementsOf(strings(v.get("rules")));
        }
        if (v.containsKey("enabled")) {
            assertThat(rules.rules().stream().filter(CompiledRule::enabled).map(CompiledRule::name)).as("enabled")
                    .containsExactlyElementsOf(strings(v.get("enabled")));
        }
        Map<String, Object> conditions = (Map<String, Object>) v.get("conditions");
        if (conditions != null) {
            ReferenceEvaluator trees = new ReferenceEvaluator(files, rules);
            for (Map.Entry<String, Object> c : conditions.entrySet()) {
                assertThat(ConditionPrinter.print(trees.tree(c.getKey()))).as("condition of %s", c.getKey())
                        .isEqualTo(String.valueOf(c.getValue()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void filter(Map<String, Object> v) throws Exception {
        String condition = String.valueOf(v.get("filter"));
        String result = String.valueOf(v.get("result"));
        if (v.containsKey("printed")) {
            // Falco prints "==" where the rule wrote it; Trailhawk prints "=" (docs/compatibility.md).
            assertThat(ConditionPrinter.print(ConditionParser.parse(condition))).as("printed")
                    .isEqualTo(String.valueOf(v.get("printed")).replace(" == ", " = "));
        }
        if (!v.containsKey("result")) {
            return;
        }
        if (result.equals("parse_error")) {
            try {
                ConditionParser.parse(condition);
                throw new AssertionError("expected a parse error");
            } catch (ConditionSyntaxException e) {
                if (v.containsKey("message")) {
                    assertThat(e.getMessage()).contains(String.valueOf(v.get("message")));
                }
            }
            return;
        }
        String yaml = RulesetFixture.rule("R", condition, "o");
        CompiledRuleset rules;
        try {
            rules = RuleCompiler.builder().build().compile(List.of(RulesFile.of("f.yaml", yaml)));
        } catch (RuleValidationException e) {
            assertThat(result).as("compiles: %s", e.getMessage()).isEqualTo("compile_error");
            if (v.containsKey("message")) {
                assertThat(e.errors().stream().map(Issue::message)).anyMatch(m -> m.contains(
                        String.valueOf(v.get("message"))));
            }
            return;
        }
        assertThat(result).as("compiles").isNotEqualTo("compile_error");
        if (result.equals("true") || result.equals("false")) {
            Map<String, Object> members = v.get("event") == null ? new LinkedHashMap<>()
                    : (Map<String, Object>) v.get("event");
            String json = MAPPER.writeValueAsString(members);
            String body = json.length() > 2 ? json.substring(1, json.length() - 1) : "";
            assertThat(RulesetFixture.firing(rules, RulesetFixture.record(body)).contains("R")).as("fires")
                    .isEqualTo(Boolean.parseBoolean(result));
        }
    }
}
