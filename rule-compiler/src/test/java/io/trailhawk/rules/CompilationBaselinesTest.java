package io.trailhawk.rules;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.RulesFile;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden compilation: each {@code compilation/NAME.yaml} is compiled, and every rule's index key and planned
 * predicate, as the predicates print themselves, must equal {@code NAME.baseline} ({@link GoldenFiles}). Macros
 * expanded, lists substituted, {@code icontains} chains fused and constant branches folded all show in the text.
 */
class CompilationBaselinesTest {

    @TestFactory
    Stream<DynamicTest> everyRuleset_plansAsItsBaseline() throws IOException {
        return GoldenFiles.each("compilation", CompilationBaselinesTest::plan);
    }

    private static String plan(String name, String content) throws RuleValidationException {
        CompiledRuleset ruleset = RuleCompiler.builder().build().compile(List.of(RulesFile.of(name, content)));
        StringBuilder plan = new StringBuilder();
        for (CompiledRule rule : ruleset.rules()) {
            plan.append("rule: ").append(rule.name()).append("\nindex: ").append(index(rule)).append('\n')
                    .append(rule.condition()).append("\n\n");
        }
        return plan.toString();
    }

    private static String index(CompiledRule rule) {
        if (rule.eventNames() != null) {
            return "ct.name in (" + String.join(", ", new TreeSet<>(rule.eventNames())) + ")";
        }
        if (rule.eventSources() != null) {
            return "ct.src in (" + String.join(", ", new TreeSet<>(rule.eventSources())) + ")";
        }
        return rule.requirement() != null ? rule.requirement().toString() : "every event";
    }
}
