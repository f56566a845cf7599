package io.trailhawk.rules.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssueReportTest {

    private static IssueReport report() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("z.yaml", "- rule: A\n  condition: ct.name = X\n");
        sources.put("a.yaml", "- rule: B\n\tcondition: bad\n");
        return new IssueReport(sources);
    }

    @Test
    void issues_areSortedByLoadOrderThenLineThenColumn() {
        Issue late = Issue.error(SourceLocation.of("a.yaml", 1, 3), null, "second file");
        Issue low = Issue.error(SourceLocation.of("z.yaml", 2, 14), null, "lower");
        Issue high = Issue.warning(SourceLocation.of("z.yaml", 1, 9), null, "higher");
        assertThat(report().sorted(List.of(late, low, high))).containsExactly(high, low, late);
    }

    @Test
    void eachIssue_showsItsLineAndACaretUnderTheColumn() {
        String text = report().render(List.of(Issue.error(SourceLocation.of("z.yaml", 2, 14), "rule 'A'", "here")));
        assertThat(text).isEqualTo("z.yaml:2:14: error: rule 'A': here\n"
                + "  |   condition: ct.name = X\n"
                + "  |              ^\n");
    }

    @Test
    void tabsBeforeTheColumn_areKept_soTheCaretLinesUp() {
        String text = report().render(List.of(Issue.error(SourceLocation.of("a.yaml", 2, 13), null, "bad")));
        assertThat(text).endsWith("  | \tcondition: bad\n  | \t           ^\n");
    }

    @Test
    void anIssueOutsideTheKnownSources_isTheLineAlone() {
        String text = report().render(List.of(Issue.error(SourceLocation.of("other.yaml", 1, 1), null, "x")));
        assertThat(text).isEqualTo("other.yaml:1:1: error: x\n");
    }
}
