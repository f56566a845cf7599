package io.trailhawk.rules.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.SampleRecords;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.json.RecordLayout;
import io.trailhawk.rules.load.RulesFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled path (lazy projected parse, with or without the decoder's layout; the rule index; predicate trees)
 * gives exactly the verdicts and outputs of the reference path (whole tree, every rule, interpreted), on real records and on random conditions.
 */
class FastPathEquivalenceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<byte[]> RECORDS = new ArrayList<>();

    @BeforeAll
    static void loadRecords() throws Exception {
        for (JsonNode r : SampleRecords.invictus()) {
            RECORDS.add(MAPPER.writeValueAsBytes(r));
        }
        assertThat(RECORDS).hasSize(2900);
    }

    /**
     * The rules that matched, from what the fast path gives: each alert's rule, except that a sequence's match names
     * the step rule that matched, as a feeder rule's match gives only that.
     */
    private static List<String> matchedRules(List<Alert> alerts) {
        return alerts.stream().map(a -> a.stateful().filter(c -> c.kind().equals("sequence"))
                .map(c -> c.values().get(0)).orElse(a.rule())).distinct().collect(Collectors.toList());
    }

    private static void assertEquivalent(List<RulesFile> files, CompiledRuleset rules) throws Exception {
        ReferenceEvaluator reference = new ReferenceEvaluator(files, rules);
        CompiledRuleset.Evaluator evaluator = rules.evaluator();
        long n = 0;
        int fired = 0;
        for (byte[] r : RECORDS) {
            n++;
            List<Alert> fast = evaluator.evaluate(r, n);
            List<Alert> withLayout = evaluator.evaluate(r, RecordLayout.scan(r), n);
            assertThat(withLayout.stream().map(Alert::output).collect(Collectors.toList())).as("layout, record %d", n)
                    .isEqualTo(fast.stream().map(Alert::output).collect(Collectors.toList()));
            List<Alert> wholeTree = rules.evaluate(CloudTrailEvent.of(MAPPER.readTree(r), n));
            assertThat(matchedRules(fast)).as("record %d", n).isEqualTo(reference.matchingRules(r, n));
            assertThat(fast.stream().map(Alert::output).collect(Collectors.toList())).as("outputs of record %d", n)
                    .isEqualTo(wholeTree.stream().map(Alert::output).collect(Collectors.toList()));
            assertThat(fast.stream().map(Alert::outputFields).collect(Collectors.toList()))
                    .isEqualTo(wholeTree.stream().map(Alert::outputFields).collect(Collectors.toList()));
            fired += fast.size();
        }
        assertThat(fired).as("alerts").isPositive();
    }

    @Test
    void bundledRuleset_onEveryInvictusRecord_matchesTheReference() throws Exception {
        List<RulesFile> files = RulesFile.readAll(List.of(Path.of("..", "rules")));
        CompiledRuleset rules = RuleCompiler.builder().build().compile(files);
        assertThat(rules.projection().isEverything()).isFalse();
        assertEquivalent(files, rules);
    }

    @Test
    void bundledRuleset_firstMatching_matchesTheReference() throws Exception {
        List<RulesFile> files = RulesFile.readAll(List.of(Path.of("..", "rules")));
        assertEquivalent(files, RuleCompiler.builder().setRuleMatching(RuleMatching.FIRST).build().compile(files));
    }

    @Test
    void randomConditions_overTheGrammar_matchTheReference() throws Exception {
        RandomConditions gen = new RandomConditions(new Random(20261122L), RECORDS);
        for (int batch = 0; batch < 8; batch++) {
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                yaml.append("- rule: R").append(batch).append('_').append(i).append("\n  desc: d\n  condition: '")
                        .append(gen.condition(3).replace("'", "''")).append("'\n  output: '")
                        .append(gen.output().replace("'", "''")).append("'\n  priority: INFO\n");
            }
            List<RulesFile> files = List.of(RulesFile.of("random.yaml", yaml.toString()));
            assertEquivalent(files, RuleCompiler.builder().build().compile(files));
        }
    }

    @Test
    void rulesIndexedByOtherFields_keepRuleOrder_inBothMatchingModes() throws Exception {
        String yaml = String.join("\n",
                "- rule: By region",
                "  desc: d",
                "  condition: ct.region in (us-east-1, eu-west-1) and ct.useragent contains \"o\"",
                "  output: region %ct.region",
                "  priority: INFO",
                "- rule: By name",
                "  desc: d",
                "  condition: ct.name in (ListBuckets, GetCallerIdentity, DescribeInstances)",
                "  output: name %ct.name",
                "  priority: INFO",
                "- rule: By identity type",
                "  desc: d",
                "  condition: ct.user.identitytype = AssumedRole or ct.user.identitytype = IAMUser",
                "  output: type %ct.user.identitytype",
                "  priority: INFO",
                "- rule: By pointer",
                "  desc: d",
                "  condition: json.value[/awsRegion] = us-east-1 and not ct.error exists",
                "  output: pointer %json.value[/awsRegion]",
                "  priority: INFO",
                "- rule: By agent",
                "  desc: d",
                "  condition: ct.useragent icontains \"BOTO\" and ct.useragent contains \"Python\"",
                "  output: agent %ct.useragent",
                "  priority: INFO",
                "- rule: By agent or caller",
                "  desc: d",
                "  condition: (ct.useragent startswith \"aws-sdk-go\" or ct.useragent = \"AWS Internal\""
                        + " or ct.useragent endswith \"Stratus\") and not ct.error exists",
                "  output: agent %ct.useragent",
                "  priority: INFO",
                "- rule: Never",
                "  desc: d",
                "  condition: ct.region in () or ct.src in ()",
                "  output: never",
                "  priority: INFO",
                "- rule: Everything",
                "  desc: d",
                "  condition: not ct.region in ()",
                "  output: all",
                "  priority: INFO",
                "");
        for (RuleMatching matching : RuleMatching.values()) {
            List<RulesFile> files = List.of(RulesFile.of("indexed.yaml", yaml));
            CompiledRuleset rules = RuleCompiler.builder().setRuleMatching(matching).build().compile(files);
            assertThat(rules.rules().stream().map(r -> r.requirement() == null ? "-" : r.requirement().field()))
                    .containsExactly("ct.region", "-", "ct.user.identitytype", "json.value[/awsRegion]",
                            "ct.useragent", "ct.useragent", "-", "-");
            assertEquivalent(files, rules);
        }
        CompiledRuleset all = RuleCompiler.builder().build().compile(List.of(RulesFile.of("indexed.yaml", yaml)));
        java.util.Set<String> fired = new java.util.HashSet<>();
        CompiledRuleset.Evaluator evaluator = all.evaluator();
        long n = 0;
        for (byte[] r : RECORDS) {
            evaluator.evaluate(r, ++n).forEach(a -> fired.add(a.rule()));
        }
        assertThat(fired).containsExactlyInAnyOrder("By region", "By name", "By identity type", "By pointer",
                "By agent", "By agent or caller", "Everything");
    }

    @Test
    void eventNamesAndSourcesThatAreNotStrings_meetTheRulesThatReadThemAnotherWay() throws Exception {
        String yaml = String.join("\n",
                "- rule: Empty name",
                "  desc: d",
                "  condition: ct.name = \"\"",
                "  output: o",
                "  priority: INFO",
                "- rule: Numeric name",
                "  desc: d",
                "  condition: json.value[/eventName] = 5",
                "  output: o",
                "  priority: INFO",
                "- rule: Named",
                "  desc: d",
                "  condition: ct.name = ListBuckets",
                "  output: o",
                "  priority: INFO",
                "- rule: Null source",
                "  desc: d",
                "  condition: json.value[/eventSource] = null",
                "  output: o",
                "  priority: INFO",
                "");
        List<RulesFile> files = List.of(RulesFile.of("odd.yaml", yaml));
        CompiledRuleset rules = RuleCompiler.builder().build().compile(files);
        ReferenceEvaluator reference = new ReferenceEvaluator(files, rules);
        String[] records = {
            "{\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"AwsApiCall\",\"eventName\":5}",
            "{\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"AwsApiCall\",\"eventName\":\"ListBuckets\","
                    + "\"eventSource\":null}",
            "{\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"AwsApiCall\",\"eventName\":\"null\"}",
            "{\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"AwsApiCall\"}"};
        List<List<String>> fired = new ArrayList<>();
        CompiledRuleset.Evaluator evaluator = rules.evaluator();
        long n = 0;
        for (String r : records) {
            byte[] json = r.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<String> fast = evaluator.evaluate(json, ++n).stream().map(Alert::rule).collect(Collectors.toList());
            assertThat(fast).as(r).isEqualTo(reference.matchingRules(json, n));
            fired.add(fast);
        }
        assertThat(fired).containsExactly(List.of("Empty name", "Numeric name"), List.of("Named", "Null source"),
                List.of(), List.of());
    }
}
