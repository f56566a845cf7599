package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.StatefulClause;
import org.junit.jupiter.api.Test;

/** The stateful rule keys as the compiler reads them: every bad value a located error, good ones a spec. */
class StatefulKeysTest {
    private static String rule(String name, String keys) {
        return "- rule: " + name + "\n  desc: d\n  condition: ct.name = ListUsers\n  output: \"%ct.user\"\n"
                + "  priority: WARNING\n" + keys;
    }

    private static CompiledRule only(String keys) throws Exception {
        return RulesetFixture.compile("a.yaml", rule("R", keys)).rules().get(0);
    }

    @Test
    void eachKind_compilesToItsSpec_withItsSettings() throws Exception {
        CompiledRule r = only("  threshold:\n    count: 5\n    within: 10m\n    by: [ct.user, ct.srcip]\n");
        assertThat(r.stateful().orElseThrow().kind()).isEqualTo(StatefulClause.Kind.THRESHOLD);
        assertThat(r.stateful().get().count()).isEqualTo(5);
        assertThat(r.stateful().get().windowNanos()).isEqualTo(600_000_000_000L);
        assertThat(r.stateful().get().byNames()).containsExactly("ct.user", "ct.srcip");
        assertThat(only("  first_seen:\n    field: ct.region\n    forget: 30d\n    learn: 7d\n").stateful().get()
                .learnNanos()).isEqualTo(7 * 86_400_000_000_000L);
        assertThat(only("  suppress:\n    for: 1h\n").stateful().get().byNames()).isEmpty();
    }

    @Test
    void aRuleWithoutStatefulKeys_hasNoSpec() throws Exception {
        assertThat(only("").stateful()).isEmpty();
        assertThat(only("").alerts()).isTrue();
    }

    @Test
    void theFingerprint_changesWithTheNameTheConditionOrTheKey_andOnlyThen() throws Exception {
        long base = RulesetFixture.compile("a.yaml", rule("R", "  suppress:\n    for: 1h\n")).rules().get(0)
                .stateful().get().fingerprint();
        assertThat(RulesetFixture.compile("a.yaml", rule("R", "  suppress:\n    for: 1h\n")).rules().get(0)
                .stateful().get().fingerprint()).isEqualTo(base);
        assertThat(RulesetFixture.compile("a.yaml", rule("R", "  suppress:\n    for: 2h\n")).rules().get(0)
                .stateful().get().fingerprint()).isNotEqualTo(base);
        assertThat(RulesetFixture.compile("a.yaml", rule("R2", "  suppress:\n    for: 1h\n")).rules().get(0)
                .stateful().get().fingerprint()).isNotEqualTo(base);
        assertThat(RulesetFixture.compile("a.yaml", rule("R", "  suppress:\n    for: 1h\n")
                .replace("ListUsers", "GetUser")).rules().get(0).stateful().get().fingerprint()).isNotEqualTo(base);
    }

    @Test
    void stateValuesInOutput_needAStatefulRule_andAKnownName() throws Exception {
        String plain = "- rule: R\n  desc: d\n  condition: ct.name = ListUsers\n  output: \"n=%state.count\"\n"
                + "  priority: WARNING\n";
        assertThat(RulesetFixture.errors("a.yaml", plain)).containsExactly("a.yaml:4:14: error: rule 'R': "
                + "'%state.count' is a stateful value: only a rule with suppress, threshold, distinct, sequence or "
                + "first_seen has it");
        assertThat(RulesetFixture.errors("a.yaml", plain.replace("state.count", "state.cnt")
                + "  suppress:\n    for: 1h\n")).singleElement().asString()
                .contains("invalid formatting token '%state.cnt': the stateful values are count, kind");
        assertThat(RulesetFixture.compile("a.yaml", plain + "  suppress:\n    for: 1h\n").rules()).hasSize(1);
    }

    @Test
    void badValues_areLocatedErrors_andRejectTheFile() {
        assertThat(RulesetFixture.errors("a.yaml", rule("R", "  suppress:\n    for: soon\n")))
                .containsExactly("a.yaml:7:10: error: rule 'R': suppress.for must be a duration such as 90s, 15m, 1h "
                        + "or 7d (from 1ms to 366d), not 'soon'");
        assertThat(RulesetFixture.errors("a.yaml", rule("R", "  threshold:\n    count: 0\n    within: 1m\n")))
                .containsExactly("a.yaml:7:12: error: rule 'R': threshold.count must be a whole number from 1 to "
                        + "10000, not '0'");
        assertThat(RulesetFixture.errors("a.yaml", rule("R", "  distinct:\n    field: ct.nope\n    count: 3\n"
                + "    within: 1h\n"))).singleElement().asString().startsWith("a.yaml:7:12: error: rule 'R': ")
                .contains("ct.nope");
        assertThat(RulesetFixture.errors("a.yaml", rule("R", "  suppress:\n    by: [ct.user, ct.nope]\n    for: 1h\n")))
                .singleElement().asString().startsWith("a.yaml:7:19: error:");
        assertThat(RulesetFixture.errors("a.yaml", rule("R", "  suppress:\n    for: 1h\n    per: x\n")))
                .containsExactly("a.yaml:8:5: error: rule 'R': unknown key 'per' in suppress (it takes by, for)");
        assertThat(RulesetFixture.errors("a.yaml", rule("R", "  threshold:\n    within: 1h\n")))
                .containsExactly("a.yaml:6:3: error: rule 'R': threshold needs 'count'");
        assertThat(RulesetFixture.errors("a.yaml", rule("R", "  suppress:\n    for: 1h\n  threshold:\n"
                + "    count: 2\n    within: 1m\n"))).singleElement().asString().contains("at most one of");
    }

    @Test
    void aSequenceMustNameOtherRules_thatAreNotSequences() {
        String steps = "  sequence:\n    within: 1h\n    steps: [A, Missing]\n";
        assertThat(RulesetFixture.errors("a.yaml", rule("A", "") + rule("S", steps)))
                .containsExactly("a.yaml:13:16: error: rule 'S': sequence step 'Missing' is not a rule");
        assertThat(RulesetFixture.errors("a.yaml", rule("A", "") + rule("S", steps.replace("Missing", "S"))))
                .containsExactly("a.yaml:13:16: error: rule 'S': a sequence cannot be a step of itself");
        assertThat(RulesetFixture.errors("a.yaml", rule("A", "") + rule("S", steps.replace("Missing", "A"))
                + rule("T", steps.replace("Missing", "S")))).singleElement().asString()
                .contains("sequence step 'S' is a sequence itself");
        assertThat(RulesetFixture.errors("a.yaml", rule("S", "  sequence:\n    within: 1h\n    steps: [A]\n")))
                .singleElement().asString().contains("a sequence needs at least two steps");
    }

    @Test
    void statefulKeys_canBeReplacedByAnOverride() throws Exception {
        CompiledRuleset r = RulesetFixture.compile("a.yaml", rule("R", ""), "b.yaml",
                "- rule: R\n  suppress:\n    by: [ct.user]\n    for: 1h\n  override:\n    suppress: replace\n");
        assertThat(r.rules().get(0).stateful().orElseThrow().kind()).isEqualTo(StatefulClause.Kind.SUPPRESS);
    }

    @Test
    void aSequenceWithADisabledStep_loads_withAWarningThatItCannotComplete() throws Exception {
        CompiledRuleset r = RulesetFixture.compile("a.yaml", rule("A", "  enabled: false\n") + rule("B", "")
                + rule("S", "  sequence:\n    within: 1h\n    steps: [A, B]\n"));
        assertThat(r.warnings()).anyMatch(w -> w.toString().contains("sequence step 'A' is disabled"));
    }
}
