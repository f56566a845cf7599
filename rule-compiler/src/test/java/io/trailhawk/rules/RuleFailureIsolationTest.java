package io.trailhawk.rules;

import static io.trailhawk.rules.RulesetFixture.record;
import static io.trailhawk.rules.RulesetFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.compile.ThrowingRules;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.output.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleFailureIsolationTest {
    private static final CloudTrailEvent STOP = record("\"eventName\":\"StopLogging\"");

    private static CompiledRuleset withSecondRuleThrowing(RuleMatching matching) throws Exception {
        CompiledRuleset compiled = RulesetFixture.compile("a.yaml", rule("First", "ct.name = StopLogging", "one")
                + rule("Broken", "ct.name = StopLogging", "two") + rule("Third", "ct.name startswith Stop", "three"));
        List<CompiledRule> rules = new ArrayList<>(compiled.rules());
        rules.set(1, ThrowingRules.withThrowingCondition(rules.get(1), new IllegalStateException("a defect")));
        return new CompiledRuleset(rules, Priority.DEBUG, matching, 0, 0, List.of("a.yaml"), List.of());
    }

    @Test
    void aRuleThatThrows_isReportedByName_andTheOtherRulesStillAlert() throws Exception {
        List<String> failed = new ArrayList<>();
        List<Alert> alerts = withSecondRuleThrowing(RuleMatching.ALL).evaluate(STOP,
                (rule, e) -> failed.add(rule + ": " + e.getMessage()));
        assertThat(alerts.stream().map(Alert::rule).collect(Collectors.toList())).containsExactly("First", "Third");
        assertThat(failed).containsExactly("Broken: a defect");
    }

    @Test
    void withFirstMatching_aRuleThatThrowsDoesNotTakeTheEvent() throws Exception {
        CompiledRuleset rules = withSecondRuleThrowing(RuleMatching.FIRST);
        List<String> failed = new ArrayList<>();
        CloudTrailEvent onlyLaterRules = record("\"eventName\":\"StopLoggingNow\"");
        assertThat(rules.evaluate(onlyLaterRules, (rule, e) -> failed.add(rule))).extracting(Alert::rule)
                .containsExactly("Third");
        assertThat(failed).isEmpty();
        assertThat(rules.evaluate(STOP, (rule, e) -> failed.add(rule))).extracting(Alert::rule)
                .containsExactly("First");
    }

    @Test
    void withoutAFailureSink_theFailureIsThrown_asBefore() throws Exception {
        assertThatThrownBy(() -> withSecondRuleThrowing(RuleMatching.ALL).evaluate(STOP))
                .isInstanceOf(IllegalStateException.class).hasMessage("a defect");
    }
}
