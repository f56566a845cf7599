package io.trailhawk.rules;

import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.IssueReport;
import io.trailhawk.rules.load.RulesFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden diagnostics: each {@code diagnostics/NAME.yaml} is compiled alone, and every issue, rendered with its
 * source line and a caret, must equal {@code NAME.baseline} ({@link GoldenFiles}).
 */
class DiagnosticBaselinesTest {

    @TestFactory
    Stream<DynamicTest> everyCase_rendersAsItsBaseline() throws IOException {
        return GoldenFiles.each("diagnostics", DiagnosticBaselinesTest::render);
    }

    private static String render(String name, String content) {
        List<Issue> issues;
        try {
            issues = RuleCompiler.builder().build().compile(List.of(RulesFile.of(name, content))).warnings();
        } catch (RuleValidationException e) {
            issues = e.issues();
        }
        return new IssueReport(Map.of(name, content)).render(issues);
    }
}
