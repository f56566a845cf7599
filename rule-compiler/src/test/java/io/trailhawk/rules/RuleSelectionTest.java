package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.load.RuleSelection;
import io.trailhawk.rules.load.RulesFile;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Falco's rules: selection: enable and disable by name pattern or tag, in order, over what the files say. */
class RuleSelectionTest {
    private static final String RULES = rule("IAM User Created", "CreateUser", "[iam, persistence]", true)
            + rule("IAM User Deleted", "DeleteUser", "[iam]", true)
            + rule("S3 Bucket Deleted", "DeleteBucket", "[s3]", true)
            + rule("S3 Bucket Policy Read", "GetBucketPolicy", "[s3, noisy]", false);

    private static String rule(String name, String event, String tags, boolean enabled) {
        return "- rule: " + name + "\n  desc: d\n  condition: ct.name = " + event + "\n  output: o\n"
                + "  priority: NOTICE\n  tags: " + tags + "\n" + (enabled ? "" : "  enabled: false\n");
    }

    private static RuleSelection selection(String yaml) throws RuleValidationException {
        return RuleCompiler.builder().build().readSelection(RulesFile.of("selection.yaml", yaml));
    }

    private static CompiledRuleset compile(RuleSelection s) throws RuleValidationException {
        return RuleCompiler.builder().setSelection(s).build().compile(List.of(RulesFile.of("rules.yaml", RULES)));
    }

    private static List<String> active(CompiledRuleset r) {
        return r.activeRules().stream().map(CompiledRule::name).collect(Collectors.toList());
    }

    @Test
    void entriesApplyInOrder_overWhatTheFilesSay_byWildcardNameAndByTag() throws Exception {
        CompiledRuleset r = compile(selection("- disable:\n    rule: \"*\"\n- enable:\n    tag: s3\n"
                + "- disable:\n    rule: S3 Bucket Policy *\n- enable:\n    rule: IAM User Created\n"));
        assertThat(active(r)).containsExactlyInAnyOrder("IAM User Created", "S3 Bucket Deleted");
    }

    @Test
    void aRuleOffInItsFile_canBeTurnedOn_andFalcoYamlsRulesKeyIsRead() throws Exception {
        CompiledRuleset r = compile(selection("rules:\n  - enable:\n      tag: noisy\n"));
        assertThat(active(r)).contains("S3 Bucket Policy Read").hasSize(4);
    }

    @Test
    void noSelection_leavesEveryRuleAsWritten() throws Exception {
        assertThat(active(compile(RuleSelection.NONE))).containsExactly("IAM User Created", "IAM User Deleted",
                "S3 Bucket Deleted");
    }

    @Test
    void anEntryThatPicksNoRule_isAWarningAtItsLine_notAnError() throws Exception {
        CompiledRuleset r = compile(selection("- enable:\n    tag: iam\n- disable:\n    rule: Kubernetes *\n"));
        assertThat(r.warnings()).extracting(Issue::toString)
                .anySatisfy(w -> assertThat(w).startsWith("selection.yaml:3:3:").contains("picks no rule"));
    }

    @Test
    void aMalformedEntry_isAnErrorAtItsPosition() {
        assertThatThrownBy(() -> selection("- enable:\n    rule: A\n- switch:\n    rule: B\n"))
                .isInstanceOf(RuleValidationException.class)
                .satisfies(e -> assertThat(((RuleValidationException) e).issues().get(0).toString())
                        .startsWith("selection.yaml:3:3:").contains("enable: or disable:"));
        assertThatThrownBy(() -> selection("- disable:\n    owner: x\n")).isInstanceOf(RuleValidationException.class)
                .satisfies(e -> assertThat(((RuleValidationException) e).issues().get(0).toString())
                        .startsWith("selection.yaml:2:5:"));
        assertThatThrownBy(() -> selection("enable: x\n")).isInstanceOf(RuleValidationException.class);
    }
}
