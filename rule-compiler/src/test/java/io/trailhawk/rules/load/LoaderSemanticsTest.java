package io.trailhawk.rules.load;

import static io.trailhawk.rules.RulesetFixture.compile;
import static io.trailhawk.rules.RulesetFixture.firing;
import static io.trailhawk.rules.RulesetFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.event.CloudTrailEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Falco's loader semantics: append, override, exceptions, enabled, redefinition, ordering, priorities, tags. */
class LoaderSemanticsTest {
    private static final CloudTrailEvent ALICE_US = record("\"eventName\":\"CreateUser\",\"userIdentity\":"
            + "{\"type\":\"IAMUser\",\"userName\":\"alice\"},\"sourceIPAddress\":\"1.2.3.4\"");
    private static final CloudTrailEvent BOB_EU = record("\"eventName\":\"CreateUser\",\"userIdentity\":"
            + "{\"type\":\"IAMUser\",\"userName\":\"bob\"},\"sourceIPAddress\":\"5.6.7.8\",\"awsRegion\":\"eu-west-1\"");

    private static String rule(String name, String condition) {
        return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: out %ct.user\n"
                + "  priority: WARNING\n";
    }

    @Test
    void append_concatenatesConditionTextWithoutParentheses() throws Exception {
        // Appended text joins with one space: "a or b" + "and c" parses as "a or (b and c)".
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.user = alice or ct.user = bob"),
                "b.yaml", "- rule: R\n  condition: and ct.region = us-east-1\n  append: true\n");
        assertThat(r.rules().get(0).conditionText()).isEqualTo("ct.user = alice or ct.user = bob and ct.region = us-east-1");
        assertThat(firing(r, ALICE_US)).containsExactly("R");
        assertThat(firing(r, BOB_EU)).isEmpty();
    }

    @Test
    void overrideAppend_andReplace_perKey() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.user = alice") + "  tags: [b, a]\n",
                "b.yaml", "- rule: R\n  condition: or ct.user = bob\n  output: more\n  tags: [c, a]\n"
                        + "  priority: CRITICAL\n"
                        + "  override:\n    condition: append\n    output: append\n    tags: append\n"
                        + "    priority: replace\n");
        CompiledRule rule = r.rules().get(0);
        assertThat(rule.conditionText()).isEqualTo("ct.user = alice or ct.user = bob");
        assertThat(rule.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(rule.tags()).containsExactly("a", "b", "c");
        assertThat(r.evaluate(BOB_EU).get(0).output()).isEqualTo("out bob more");
    }

    @Test
    void overrideReplace_ofExceptions_replacesTheWholeList() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.name = CreateUser")
                + "  exceptions:\n    - name: e1\n      fields: [ct.user]\n      values: [[alice]]\n",
                "b.yaml", "- rule: R\n  exceptions:\n    - name: e2\n      fields: [ct.user]\n      comps: [=]\n"
                        + "      values: [[bob]]\n  override:\n    exceptions: replace\n");
        assertThat(firing(r, ALICE_US)).containsExactly("R");
        assertThat(firing(r, BOB_EU)).isEmpty();
    }

    @Test
    void exceptions_becomeConditionTextExactlyAsFalco() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.name = CreateUser")
                + "  exceptions:\n"
                + "    - name: pairs\n      fields: [ct.user, ct.region]\n"
                + "      values: [[alice, us-east-1], [bob, eu-west-1]]\n"
                + "    - name: single\n      fields: ct.srcip\n      values: [9.9.9.9, 'a b']\n"
                + "    - name: inlist\n      fields: [ct.user, ct.region]\n      comps: [in, =]\n"
                + "      values: [[[carol, dave], us-east-2]]\n"
                + "    - name: empty\n      fields: [ct.user]\n");
        assertThat(r.rules().get(0).conditionText()).isEqualTo("(ct.name = CreateUser)"
                + " and not (( ct.user = alice and ct.region = us-east-1) or ( ct.user = bob and ct.region = eu-west-1))"
                + " and not (ct.srcip in (9.9.9.9, \"a b\"))"
                + " and not (( ct.user in (carol, dave) and ct.region = us-east-2))");
        assertThat(firing(r, ALICE_US)).isEmpty();
        assertThat(firing(r, BOB_EU)).isEmpty();
        assertThat(firing(r, record("\"eventName\":\"CreateUser\",\"userIdentity\":{\"type\":\"IAMUser\","
                + "\"userName\":\"alice\"},\"awsRegion\":\"eu-west-1\""))).containsExactly("R");
    }

    @Test
    void exceptions_wrapConditionSoPrecedenceHolds() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.user = alice or ct.user = bob")
                + "  exceptions:\n    - name: e\n      fields: [ct.region]\n      values: [[eu-west-1]]\n");
        assertThat(firing(r, BOB_EU)).isEmpty();
        assertThat(firing(r, ALICE_US)).containsExactly("R");
    }

    @Test
    void exceptions_appendValuesToExistingName() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.name = CreateUser")
                + "  exceptions:\n    - name: users\n      fields: ct.user\n      values: [carol]\n",
                "b.yaml", "- rule: R\n  exceptions:\n    - name: users\n      values: [alice]\n"
                        + "  override:\n    exceptions: append\n");
        assertThat(firing(r, ALICE_US)).isEmpty();
        assertThat(firing(r, BOB_EU)).containsExactly("R");
    }

    @Test
    void exceptions_valuesNamingAListAreExpanded() throws Exception {
        CompiledRuleset r = compile("a.yaml", "- list: admins\n  items: [alice, bob]\n"
                + rule("R", "ct.name = CreateUser")
                + "  exceptions:\n    - name: admins\n      fields: ct.user\n      comps: in\n      values: [admins]\n");
        assertThat(firing(r, ALICE_US)).isEmpty();
        assertThat(firing(r, BOB_EU)).isEmpty();
    }

    @Test
    void lists_appendAndSubstituteTextually() throws Exception {
        CompiledRuleset r = compile("a.yaml", "- list: regions\n  items: []\n"
                + rule("R", "ct.region in (regions)"),
                "b.yaml", "- list: regions\n  items: [eu-west-1, 'a b']\n  append: true\n");
        assertThat(r.rules().get(0).conditionText()).isEqualTo("ct.region in ( eu-west-1, \"a b\" )");
        assertThat(firing(r, BOB_EU)).containsExactly("R");
        assertThat(firing(r, ALICE_US)).isEmpty();
    }

    @Test
    void lists_unknownNameStaysALiteral_andEmptyListDropsAComma() throws Exception {
        CompiledRuleset r = compile("a.yaml", "- list: none\n  items: []\n"
                + rule("R", "ct.region in (none, us-east-1) or ct.user in (unknown_list)"));
        assertThat(r.rules().get(0).conditionText()).isEqualTo("ct.region in (   us-east-1) or ct.user in (unknown_list)");
        assertThat(firing(r, ALICE_US)).containsExactly("R");
    }

    @Test
    void lists_nestedListsExpandWhenDefinedEarlier() throws Exception {
        CompiledRuleset r = compile("a.yaml", "- list: base\n  items: [alice]\n- list: all_users\n  items: [base, bob]\n"
                + rule("R", "ct.user in (all_users)"));
        assertThat(firing(r, ALICE_US)).containsExactly("R");
        assertThat(firing(r, BOB_EU)).containsExactly("R");
    }

    @Test
    void macros_expandOnTheTreeKeepingTheirGrouping() throws Exception {
        CompiledRuleset r = compile("a.yaml", "- macro: alice_or_bob\n  condition: ct.user = alice or ct.user = bob\n"
                + rule("R", "alice_or_bob and ct.region = us-east-1"));
        assertThat(firing(r, ALICE_US)).containsExactly("R");
        assertThat(firing(r, BOB_EU)).isEmpty();
    }

    @Test
    void macros_appendIsTextual_andForwardReferenceFromRuleInSameFileWorks() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "m") + "- macro: m\n  condition: ct.user = bob\n"
                + "- macro: m\n  condition: or ct.user = alice\n  override:\n    condition: append\n");
        assertThat(firing(r, ALICE_US)).containsExactly("R");
    }

    @Test
    void redefinition_replacesButKeepsFirstPosition() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("First", "ct.name = CreateUser") + rule("Second", "ct.name = CreateUser"),
                "b.yaml", rule("First", "ct.user = alice"));
        assertThat(r.rules().stream().map(CompiledRule::name).collect(Collectors.toList()))
                .containsExactly("First", "Second");
        assertThat(firing(r, ALICE_US)).containsExactly("First", "Second");
        assertThat(firing(r, BOB_EU)).containsExactly("Second");
    }

    @Test
    void ruleMatchingFirst_stopsAtTheFirstMatch() throws Exception {
        CompiledRuleset r = compile(RuleCompiler.builder().setRuleMatching(RuleMatching.FIRST).build(),
                "a.yaml", rule("A", "ct.name = CreateUser") + rule("B", "ct.user = alice"));
        assertThat(firing(r, ALICE_US)).containsExactly("A");
    }

    @Test
    void ruleMatchingFirst_aRuleThatOnlyFeedsASequence_doesNotTakeTheEvent() throws Exception {
        CompiledRuleset r = compile(RuleCompiler.builder().setRuleMatching(RuleMatching.FIRST).build(),
                "a.yaml", rule("Feeder", "ct.name = CreateUser") + "  alert: false\n"
                        + rule("A", "ct.user = alice") + rule("B", "ct.name = CreateUser")
                        + rule("Seq", "ct.name = CreateUser") + "  sequence:\n    within: 1h\n"
                        + "    steps: [Feeder, B]\n");
        assertThat(r.evaluate(ALICE_US)).extracting(a -> a.rule()).containsExactly("A", "Seq");
        assertThat(r.evaluate(BOB_EU)).extracting(a -> a.rule()).containsExactly("B", "Seq", "Seq");
    }

    @Test
    void enabled_falseAndLegacyEnableOnlyItem() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("A", "ct.name = CreateUser") + "  enabled: false\n"
                + rule("B", "ct.name = CreateUser"),
                "b.yaml", "- rule: A\n  enabled: true\n- rule: B\n  enabled: false\n  override:\n    enabled: replace\n");
        assertThat(firing(r, ALICE_US)).containsExactly("A");
        assertThat(r.warnings().stream().map(Object::toString))
                .anyMatch(w -> w.startsWith("b.yaml:1:3: warning: rule 'A'") && w.contains("deprecated"));
    }

    @Test
    void priorityThreshold_loadsButDoesNotEvaluateLessSevereRules() throws Exception {
        String rules = rule("Warn", "ct.name = CreateUser")
                + rule("Crit", "ct.name = CreateUser").replace("WARNING", "critical")
                + rule("Info", "ct.name = CreateUser").replace("WARNING", "info");
        CompiledRuleset r = compile(RuleCompiler.builder().setMinPriority(Priority.WARNING).build(), "a.yaml", rules);
        assertThat(firing(r, ALICE_US)).containsExactly("Warn", "Crit");
        assertThat(r.rules().get(2).priority()).isEqualTo(Priority.INFORMATIONAL);
        assertThat(r.ruleCount()).isEqualTo(3);
        assertThat(r.activeRuleCount()).isEqualTo(2);
    }

    @Test
    void tags_areSortedAndDeduplicated() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.name = CreateUser") + "  tags: [zeta, alpha, zeta, T1078]\n");
        assertThat(r.evaluate(ALICE_US).get(0).tags()).containsExactly("T1078", "alpha", "zeta");
    }

    @Test
    void sources_defaultIsCloudTrail_othersAreSkippedWithWarning() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("Default", "ct.name = CreateUser")
                + rule("Syscall", "proc.name = sh") + "  source: syscall\n"
                + rule("K8sForeign", "ka.verb = create") + "  source: k8s_audit\n"
                + rule("K8sJson", "jevt.value[/eventName] = CreateUser").replace("%ct.user", "%jevt.value[/eventName]")
                + "  source: k8s_audit\n");
        assertThat(firing(r, ALICE_US)).containsExactly("Default", "K8sJson");
        assertThat(r.warnings().stream().map(Object::toString))
                .anyMatch(w -> w.contains("rule 'Syscall'") && w.contains("Unknown source syscall, skipping"))
                .anyMatch(w -> w.contains("rule 'K8sForeign'") && w.contains("only k8s_audit rules whose fields are all jevt.* or json.*"));
    }

    @Test
    void aK8sAuditRuleUsingMacrosThatCameWithTheK8sRules_isSkippedWithWarning_notAnError() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("Default", "ct.name = CreateUser")
                + rule("K8sMacro", "kevt and ka.verb = create") + "  source: k8s_audit\n");
        assertThat(firing(r, ALICE_US)).containsExactly("Default");
        assertThat(r.warnings().stream().map(Object::toString))
                .anyMatch(w -> w.contains("rule 'K8sMacro'") && w.contains("Undefined macro 'kevt'")
                        && w.contains("skipping"));
    }

    @Test
    void requiredVersions_areChecked() throws Exception {
        compile("a.yaml", "- required_engine_version: 10\n- required_plugin_versions:\n"
                + "  - name: cloudtrail\n    version: 0.10.0\n  - name: json\n    version: 0.7.0\n"
                + "    alternatives:\n      - name: k8saudit\n        version: 0.1.0\n");
        assertThat(io.trailhawk.rules.RulesetFixture.errors("a.yaml", "- required_engine_version: 0.99.0\n"))
                .containsExactly("a.yaml:1:28: error: required_engine_version: Rules require engine version 0.99.0, "
                        + "but engine version is 0.63.0");
        assertThat(io.trailhawk.rules.RulesetFixture.errors("a.yaml",
                "- required_plugin_versions:\n  - name: okta\n    version: 0.1.0\n"))
                .containsExactly("a.yaml:2:5: error: Plugin requirement not satisfied, must load one of: okta (>= 0.1.0)");
    }

    @Test
    void skipIfUnknownFilter_skipsWithWarning() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "proc.name = sh") + "  skip-if-unknown-filter: true\n"
                + rule("S", "ct.name = CreateUser"));
        assertThat(firing(r, ALICE_US)).containsExactly("S");
        assertThat(r.warnings()).anyMatch(w -> w.toString().contains("skip-if-unknown-filter"));
    }

    @Test
    void unusedListsAndMacros_warn() throws Exception {
        CompiledRuleset r = compile("a.yaml", "- list: unused_list\n  items: [a]\n"
                + "- macro: unused_macro\n  condition: ct.name = x\n" + rule("R", "ct.name = CreateUser"));
        assertThat(r.warnings().stream().map(Object::toString).collect(Collectors.toList())).containsExactlyInAnyOrder(
                "a.yaml:1:3: warning: list 'unused_list': List not referred to by any other rule/macro",
                "a.yaml:3:3: warning: macro 'unused_macro': Macro not referred to by any other rule/macro");
    }

    @Test
    void directories_areReadAlphabetically_onlyYaml(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yaml"), "- list: l\n  items: [bob]\n  append: true\n");
        Files.writeString(dir.resolve("a.yml"), "- list: l\n  items: [alice]\n" + rule("R", "ct.user in (l)"));
        Files.writeString(dir.resolve("c.txt"), "not yaml: [");
        Files.createDirectory(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests").resolve("z.yaml"), "- broken: [");
        List<RulesFile> files = RulesFile.readAll(List.of(dir));
        assertThat(files).extracting(f -> Path.of(f.name()).getFileName().toString()).containsExactly("a.yml", "b.yaml");
        CompiledRuleset r = RuleCompiler.builder().build().compile(files);
        assertThat(firing(r, BOB_EU)).containsExactly("R");
    }

    @Test
    void bareEqualsInCompsIsAString() throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.name = CreateUser")
                + "  exceptions:\n    - name: e\n      fields: [ct.user, ct.region]\n      comps: [=, in]\n"
                + "      values: [[alice, [us-east-1, us-east-2]]]\n");
        assertThat(firing(r, ALICE_US)).isEmpty();
        assertThat(firing(r, BOB_EU)).containsExactly("R");
    }

    @Test
    void yamlBooleanLookingItemsStayStrings() throws Exception {
        CompiledRuleset r = compile("a.yaml", "- list: answers\n  items: [no, yes, off]\n"
                + rule("R", "json.value[/additionalEventData/MFAUsed] in (answers)"));
        assertThat(firing(r, record("\"eventName\":\"ConsoleLogin\",\"additionalEventData\":{\"MFAUsed\":\"no\"}")))
                .containsExactly("R");
    }
}
