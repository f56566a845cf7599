package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.RulesFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden compilation: each {@code compilation/NAME.yaml} is compiled, and every rule's index keys and planned
 * predicate, as the predicates print themselves, must equal {@code NAME.baseline}. Macros expanded, lists
 * substituted, {@code icontains} chains fused and constant branches folded all show in the text. Run with
 * {@code -Dbaselines.update=true} to rewrite the baselines after a deliberate change, then review the difference.
 */
class CompilationBaselinesTest {
    private static final Path DIR = Path.of("src", "test", "resources", "compilation");

    @TestFactory
    Stream<DynamicTest> everyRuleset_plansAsItsBaseline() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(DIR)) {
            cases = files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path yaml) throws Exception {
        String name = yaml.getFileName().toString();
        CompiledRuleset ruleset = RuleCompiler.builder().build()
                .compile(List.of(RulesFile.of(name, Files.readString(yaml, StandardCharsets.UTF_8))));
        StringBuilder plan = new StringBuilder();
        for (CompiledRule rule : ruleset.rules()) {
            plan.append("rule: ").append(rule.name()).append('\n');
            if (rule.eventNames() != null) {
                plan.append("index: ct.name in (").append(String.join(", ", new TreeSet<>(rule.eventNames())))
                        .append(")\n");
            } else if (rule.eventSources() != null) {
                plan.append("index: ct.src in (").append(String.join(", ", new TreeSet<>(rule.eventSources())))
                        .append(")\n");
            } else if (rule.requirement() != null) {
                plan.append("index: ").append(rule.requirement()).append('\n');
            } else {
                plan.append("index: every event\n");
            }
            plan.append(rule.condition()).append("\n\n");
        }
        Path baseline = yaml.resolveSibling(name.replaceFirst("\\.yaml$", ".baseline"));
        if (Boolean.getBoolean("baselines.update")) {
            Files.writeString(baseline, plan.toString(), StandardCharsets.UTF_8);
        }
        assertThat(plan.toString()).isEqualTo(Files.readString(baseline, StandardCharsets.UTF_8));
    }
}
