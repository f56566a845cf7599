package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rules in shadow: by their own key, or defined in a file in shadow; evaluated like any rule; promoted by name. */
class ShadowRulesTest {
    private static final String LIVE = "- list: admin_users\n  items: [root]\n"
            + "- macro: user_created\n  condition: ct.name = CreateUser\n"
            + rule("IAM User Created", "user_created", "");
    private static final byte[] CREATE_USER = ("{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\","
            + "\"eventName\":\"CreateUser\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"awsRegion\":\"us-east-1\","
            + "\"eventID\":\"e-1\",\"userIdentity\":{\"type\":\"Root\"}}").getBytes(StandardCharsets.UTF_8);

    private static String rule(String name, String condition, String extra) {
        return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: o\n  priority: NOTICE\n"
                + extra;
    }

    private static CompiledRuleset compile(RulesFile... files) throws RuleValidationException {
        return RuleCompiler.builder().build().compile(List.of(files));
    }

    private static List<String> fired(CompiledRuleset r) throws Exception {
        return r.evaluator().evaluate(CREATE_USER, 1).stream().map(Alert::rule).collect(Collectors.toList());
    }

    @Test
    void aRuleWithTheShadowKey_isInShadow_andStillEvaluatedWithTheLiveRules() throws Exception {
        CompiledRuleset r = compile(RulesFile.of("live.yaml", LIVE
                + rule("IAM User Created (staged)", "user_created", "  shadow: true\n")));
        assertThat(r.shadowRules()).containsExactly("IAM User Created (staged)");
        assertThat(r.inShadow("IAM User Created")).isFalse();
        assertThat(fired(r)).containsExactly("IAM User Created", "IAM User Created (staged)");
    }

    @Test
    void everyRuleAFileInShadowDefines_isInShadow_andItMayUseLiveListsAndMacros() throws Exception {
        CompiledRuleset r = compile(RulesFile.of("live.yaml", LIVE), RulesFile.of("staged.yaml",
                "- macro: by_root\n  condition: ct.user.identitytype = Root\n"
                        + rule("Root Creates User", "user_created and by_root", "")
                        + rule("Root Creates Admin", "user_created and by_root and ct.user in (admin_users)", ""))
                .asShadow());
        assertThat(r.shadowRules()).containsExactly("Root Creates User", "Root Creates Admin");
        assertThat(fired(r)).contains("IAM User Created", "Root Creates User");
    }

    @Test
    void aFileInShadow_thatWouldChangeAnotherFilesListMacroOrRule_isRejectedAtTheItem() {
        for (String change : List.of("- list: admin_users\n  items: [alice]\n  append: true\n",
                "- macro: user_created\n  condition: ct.name = CreateGroup\n",
                "- rule: IAM User Created\n  enabled: false\n",
                "- rule: IAM User Created\n  condition: and ct.region = eu-west-1\n  override:\n"
                        + "    condition: append\n")) {
            assertThatThrownBy(() -> compile(RulesFile.of("live.yaml", LIVE),
                    RulesFile.of("staged.yaml", "- list: mine\n  items: [a]\n" + change).asShadow()))
                    .isInstanceOf(RuleValidationException.class)
                    .satisfies(e -> assertThat(((RuleValidationException) e).issues().get(0).toString())
                            .startsWith("staged.yaml:3:3:").contains("a file in shadow defines only its own")
                            .contains("comes from live.yaml"));
        }
    }

    @Test
    void promotion_takesARuleOutOfShadow_withTheSameCompiledRules() throws Exception {
        CompiledRuleset r = compile(RulesFile.of("live.yaml", LIVE
                + rule("Staged A", "user_created", "  shadow: true\n")
                + rule("Staged B", "user_created", "  shadow: true\n")));
        CompiledRuleset promoted = r.withPromoted(Set.of("Staged A", "No Such Rule"));
        assertThat(promoted.shadowRules()).containsExactly("Staged B");
        assertThat(promoted.sameCompiledRules(r)).isTrue();
        assertThat(promoted.promoted()).containsExactlyInAnyOrder("Staged A", "No Such Rule");
        assertThat(fired(promoted)).isEqualTo(fired(r));
        assertThat(promoted.withPromoted(Set.of()).shadowRules()).containsExactly("Staged A", "Staged B");
    }

    @Test
    void withFirstMatching_aRuleInShadow_takesNoEventFromTheLiveRulesAfterIt_untilPromoted() throws Exception {
        List<RulesFile> files = List.of(RulesFile.of("a-staged.yaml",
                rule("Staged First", "ct.name = CreateUser", "")).asShadow(), RulesFile.of("live.yaml", LIVE));
        CompiledRuleset r = RuleCompiler.builder().setRuleMatching(RuleMatching.FIRST).build().compile(files);
        assertThat(fired(r)).containsExactlyInAnyOrder("Staged First", "IAM User Created");
        CompiledRuleset promoted = r.withPromoted(Set.of("Staged First"));
        assertThat(fired(promoted)).containsExactly("Staged First");
        assertThat(promoted.sameCompiledRules(r)).isTrue();
    }

    @Test
    void movingARuleIntoShadow_isAChange_andAnOverrideCanReplaceTheKey() throws Exception {
        CompiledRuleset live = compile(RulesFile.of("live.yaml", LIVE));
        CompiledRuleset staged = compile(RulesFile.of("live.yaml", LIVE),
                RulesFile.of("z.yaml", "- rule: IAM User Created\n  shadow: true\n  override:\n    shadow: replace\n"));
        CompiledRule before = live.rules().get(0);
        CompiledRule after = staged.rules().get(0);
        assertThat(after.shadow()).isTrue();
        assertThat(after.differsFrom(before)).isTrue();
    }

    @Test
    void theShadowKeyTakesABoolean() {
        assertThatThrownBy(() -> compile(RulesFile.of("live.yaml", LIVE + rule("X", "user_created",
                "  shadow: sometimes\n")))).isInstanceOf(RuleValidationException.class)
                .satisfies(e -> assertThat(((RuleValidationException) e).issues().get(0).toString())
                        .startsWith("live.yaml:"));
    }
}
