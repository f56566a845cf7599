package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.IssueReport;
import io.trailhawk.rules.load.RulesFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden diagnostics: each {@code diagnostics/NAME.yaml} is compiled alone, and every issue, rendered with its
 * source line and a caret, must equal {@code NAME.baseline}. Run with {@code -Dbaselines.update=true} to rewrite
 * the baselines after a deliberate change, then review the difference.
 */
class DiagnosticBaselinesTest {
    private static final Path DIR = Path.of("src", "test", "resources", "diagnostics");

    @TestFactory
    Stream<DynamicTest> everyCase_rendersAsItsBaseline() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(DIR)) {
            cases = files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path yaml) throws IOException {
        String name = yaml.getFileName().toString();
        String content = Files.readString(yaml, StandardCharsets.UTF_8);
        List<Issue> issues;
        try {
            issues = RuleCompiler.builder().build().compile(List.of(RulesFile.of(name, content))).warnings();
        } catch (RuleValidationException e) {
            issues = e.issues();
        }
        String rendered = new IssueReport(Map.of(name, content)).render(issues);
        Path baseline = yaml.resolveSibling(name.replaceFirst("\\.yaml$", ".baseline"));
        if (Boolean.getBoolean("baselines.update")) {
            Files.writeString(baseline, rendered, StandardCharsets.UTF_8);
        }
        assertThat(rendered).isEqualTo(Files.readString(baseline, StandardCharsets.UTF_8));
    }
}
