package io.trailhawk.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.job.JobMetrics;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.decode.DecodedRecord;
import io.trailhawk.job.testing.Events;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.load.RuleLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The rules operator's side of the rule lifecycle: shadow rules off the alert output, promotion and demotion,
 * selections, unchanged updates, the kept history and rollback, across a snapshot and restore.
 */
class RuleLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIVE = rule("Live Canary", "ct.name = TrailhawkCanary", "[canary]");
    private static final RulesetBuilder BUILDER = builder(Map.of("00-base.yaml",
            "- macro: canary\n  condition: ct.name = TrailhawkCanary\n" + LIVE));

    private static String rule(String name, String condition, String tags) {
        return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: " + name + " by %ct.user\n"
                + "  priority: WARNING\n  tags: " + tags + "\n";
    }

    private static RulesetBuilder builder(Map<String, String> bootstrap) {
        return new RulesetBuilder(bootstrap, RuleMatching.ALL, Priority.DEBUG, RuleLimits.defaults());
    }

    private static BroadcastOperatorTestHarness<DecodedRecord, RuleFileUpdate, AlertRecord> harness(
            RulesetBuilder builder, int history) throws Exception {
        return harness(builder, history, AlertWriter.falcoJsonOnly());
    }

    private static BroadcastOperatorTestHarness<DecodedRecord, RuleFileUpdate, AlertRecord> harness(
            RulesetBuilder builder, int history, AlertWriter writer) throws Exception {
        JobMetrics metrics = JobMetrics.of(JobConfig.of(Map.of("kafka.bootstrap-servers", "127.0.0.1:9",
                "source.kafka.topics", "events"), false));
        return new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(
                new RuleEvaluator(builder, history, "h", metrics, writer), List.of(RuleEvaluator.RULE_FILES,
                        RuleEvaluator.RULESET_META, RuleEvaluator.RULESET_HISTORY)), 1, 1, 0);
    }

    private static long sequence;

    private static JsonNode push(BroadcastOperatorTestHarness<DecodedRecord, RuleFileUpdate, AlertRecord> h,
            RuleFileUpdate u) throws Exception {
        h.processBroadcastElement(u.signed(++sequence, "k1"), 0);
        List<String> statuses = new ArrayList<>();
        h.getSideOutput(RuleEvaluator.STATUS).forEach(r -> statuses.add(r.getValue()));
        h.getSideOutput(RuleEvaluator.STATUS).clear();
        assertThat(statuses).hasSize(1);
        return JSON.readTree(statuses.get(0));
    }

    private static void canary(BroadcastOperatorTestHarness<DecodedRecord, RuleFileUpdate, AlertRecord> h, String id)
            throws Exception {
        String json = Events.recordAt("TrailhawkCanary", id, "mallory", "2023-07-10T12:00:00Z");
        h.processElement(new DecodedRecord(json.getBytes(StandardCharsets.UTF_8), 0, "test", null), 0);
    }

    private static List<String> alerts(BroadcastOperatorTestHarness<DecodedRecord, RuleFileUpdate, AlertRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add(((AlertRecord) ((StreamRecord<?>) o).getValue()).jsonText());
            }
        }
        h.getOutput().clear();
        return out;
    }

    private static List<String> shadowAlerts(
            BroadcastOperatorTestHarness<DecodedRecord, RuleFileUpdate, AlertRecord> h) {
        List<String> out = new ArrayList<>();
        if (h.getSideOutput(ShadowAlerts.TAG) != null) {
            h.getSideOutput(ShadowAlerts.TAG).forEach(r -> out.add(r.getValue().jsonText()));
            h.getSideOutput(ShadowAlerts.TAG).clear();
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aFilePutInShadow_alertsOnlyOnTheShadowOutput_markedAsSuch_withTheLiveRulesInOnePass() throws Exception {
        try (var h = harness(BUILDER, 20)) {
            h.open();
            JsonNode s = push(h, RuleFileUpdate.putInShadow("staged.yaml",
                    rule("Staged Canary", "canary and ct.user = mallory", "[canary, staged]"), "test"));
            assertThat(s.path("status").asText()).isEqualTo("activated");
            assertThat(strings(s.path("shadow_rules"))).containsExactly("Staged Canary");
            assertThat(s.path("trigger").path("action").asText()).isEqualTo("shadow");
            canary(h, "e-1");
            assertThat(alerts(h)).hasSize(1).allSatisfy(a -> assertThat(a).contains("\"rule\":\"Live Canary\"")
                    .doesNotContain("shadow"));
            assertThat(shadowAlerts(h)).hasSize(1).allSatisfy(a -> assertThat(a)
                    .startsWith("{\"shadow\":true,\"").contains("\"rule\":\"Staged Canary\""));
        }
    }

    @Test
    void aShadowFileThatWouldChangeALiveMacro_isRejected_andTheLiveRulesetStays() throws Exception {
        try (var h = harness(BUILDER, 20)) {
            h.open();
            JsonNode s = push(h, RuleFileUpdate.putInShadow("staged.yaml",
                    "- macro: canary\n  condition: ct.name = Other\n", "test"));
            assertThat(s.path("status").asText()).isEqualTo("rejected");
            assertThat(s.path("errors").get(0).path("text").asText()).startsWith("staged.yaml:1:3:")
                    .contains("comes from 00-base.yaml");
            canary(h, "e-1");
            assertThat(alerts(h)).hasSize(1);
        }
    }

    @Test
    void aPutInShadowUnderTheNameOfALiveFile_isRefused_soNoLiveRuleLeavesTheAlertTopic() throws Exception {
        try (var h = harness(BUILDER, 20)) {
            h.open();
            JsonNode overBootstrap = push(h, RuleFileUpdate.putInShadow("00-base.yaml",
                    BUILDER.bootstrapText("00-base.yaml"), "test"));
            assertThat(overBootstrap.path("status").asText()).isEqualTo("rejected");
            assertThat(overBootstrap.path("errors").get(0).path("message").asText())
                    .contains("00-base.yaml holds live rules (a bootstrap file)");
            push(h, RuleFileUpdate.put("a.yaml", rule("A", "canary", "[a]"), "test"));
            JsonNode overLive = push(h, RuleFileUpdate.putInShadow("a.yaml", rule("A", "canary", "[a]"), "test"));
            assertThat(overLive.path("errors").get(0).path("message").asText()).contains("a.yaml holds live rules");
            canary(h, "e-1");
            assertThat(alerts(h)).hasSize(2);
            assertThat(shadowAlerts(h)).isEmpty();
        }
    }

    @Test
    void aRollbackToWhereABootstrapFileApplied_resetsTheFile_ratherThanFixingTodaysText() throws Exception {
        try (var h = harness(BUILDER, 20)) {
            h.open();
            JsonNode v0 = push(h, RuleFileUpdate.put("a.yaml", rule("A", "canary", "[a]"), "test"));
            push(h, RuleFileUpdate.put("00-base.yaml", "- macro: canary\n  condition: ct.name = Other\n"
                    + LIVE.replace("TrailhawkCanary", "Other"), "test"));
            JsonNode back = push(h, RuleFileUpdate.put("rollback/" + v0.path("version").asLong(),
                    "{\"file_sha256\":" + v0.path("file_sha256") + "}", "test"));
            assertThat(back.path("restored")).singleElement().satisfies(r -> {
                assertThat(r.path("file").asText()).isEqualTo("00-base.yaml");
                assertThat(r.path("action").asText()).isEqualTo("reset");
                assertThat(r.path("content").isNull()).isTrue();
            });
            JsonNode reset = push(h, RuleFileUpdate.reset("00-base.yaml", "test"));
            assertThat(reset.path("unchanged").asBoolean()).isTrue();
            canary(h, "e-1");
            assertThat(alerts(h)).hasSize(2);
        }
    }

    @Test
    void anAccountTable_namesTheAccountInEveryRoute_andAMalformedOneIsRejectedWhileTheOldStays() throws Exception {
        RulesetBuilder facts = new RulesetBuilder(Map.of("00-base.yaml", BUILDER.bootstrapText("00-base.yaml")),
                RuleMatching.ALL, Priority.DEBUG, RuleLimits.defaults(), true);
        AlertWriter writer = new AlertWriter(List.of(io.trailhawk.job.sink.AlertRoute.everything(null, "ecs")),
                io.trailhawk.formats.FormatSettings.DEFAULT_PRODUCT_ARN,
                io.trailhawk.formats.FormatSettings.DEFAULT_GENERATOR_ID);
        try (var h = harness(facts, 20, writer)) {
            h.open();
            JsonNode ok = push(h, RuleFileUpdate.put("accounts/org.yaml", "- account: '123456789012'\n"
                    + "  name: payments-prod\n  environment: prod\n  owner: payments\n", "test"));
            assertThat(ok.path("accounts").asInt()).isEqualTo(1);
            h.processElement(new DecodedRecord(Events.recordAt("TrailhawkCanary", "e-1", "mallory",
                    "2023-07-10T12:00:00Z").getBytes(StandardCharsets.UTF_8), 0, "test", null), 0);
            assertThat(alerts(h)).singleElement().satisfies(a -> {
                JsonNode ecs = JSON.readTree(a);
                assertThat(ecs.path("cloud").path("account").path("name").asText()).isEqualTo("payments-prod");
                assertThat(ecs.path("labels").path("account_environment").asText()).isEqualTo("prod");
            });
            JsonNode bad = push(h, RuleFileUpdate.put("accounts/org.yaml", "- account: 1111\n  name: x\n", "test"));
            assertThat(bad.path("status").asText()).isEqualTo("rejected");
            assertThat(bad.path("errors").get(0).path("text").asText()).startsWith("accounts/org.yaml:1:12:");
            h.processElement(new DecodedRecord(Events.recordAt("TrailhawkCanary", "e-2", "mallory",
                    "2023-07-10T12:00:00Z").getBytes(StandardCharsets.UTF_8), 0, "test", null), 0);
            assertThat(alerts(h)).singleElement().asString().contains("\"name\":\"payments-prod\"");
        }
    }

    @Test
    void aStatusTooLargeForTheSink_isCutToFit_sayingWhatWasCut() {
        com.fasterxml.jackson.databind.node.ObjectNode s = JSON.createObjectNode();
        s.put("status", "activated");
        com.fasterxml.jackson.databind.node.ArrayNode history = s.putArray("history");
        for (int v = 0; v < 20; v++) {
            com.fasterxml.jackson.databind.node.ObjectNode docs = history.addObject().put("version", 20 - v)
                    .putObject("documents");
            for (int d = 0; d < 2000; d++) {
                docs.putObject("promotion/Rule number " + d).put("sha256", "e3b0c44298fc1c149afbf4c8996fb924");
            }
        }
        s.putArray("restored").addObject().put("file", "big.yaml").put("content", "x".repeat(400_000));
        String fitted = RulesetStatus.fit(s);
        assertThat(fitted.length()).isLessThanOrEqualTo(RulesetStatus.MAX_CHARS);
        assertThat(fitted).contains("\"truncated\":[\"history.documents\",\"history.versions\","
                + "\"restored.content\"]").contains("\"history\":[{\"version\":20}]");
    }

    @Test
    void aPromotion_makesAShadowRuleLive_andItsDeleteTakesItBackToShadow() throws Exception {
        try (var h = harness(BUILDER, 20)) {
            h.open();
            push(h, RuleFileUpdate.put("staged.yaml", rule("Staged Canary", "canary", "[canary]")
                    + "  shadow: true\n", "test"));
            JsonNode promoted = push(h, RuleFileUpdate.put("promotion/Staged Canary", "", "test"));
            assertThat(strings(promoted.path("changes").path("changed"))).containsExactly("Staged Canary");
            assertThat(promoted.path("shadow_rules")).isEmpty();
            assertThat(promoted.path("trigger").path("kind").asText()).isEqualTo("promotion");
            canary(h, "e-1");
            assertThat(alerts(h)).hasSize(2);
            assertThat(shadowAlerts(h)).isEmpty();

            JsonNode demoted = push(h, RuleFileUpdate.delete("promotion/Staged Canary", "test"));
            assertThat(strings(demoted.path("shadow_rules"))).containsExactly("Staged Canary");
            canary(h, "e-2");
            assertThat(alerts(h)).hasSize(1);
            assertThat(shadowAlerts(h)).hasSize(1);
        }
    }

    @Test
    void aPromotionOfNoRuleInShadow_isAWarning_notAnError() throws Exception {
        try (var h = harness(BUILDER, 20)) {
            h.open();
            JsonNode s = push(h, RuleFileUpdate.put("promotion/No Such Rule", "", "test"));
            assertThat(s.path("status").asText()).isEqualTo("activated");
            assertThat(s.path("warnings").toString()).contains("promotes 'No Such Rule', which is no rule in shadow");
        }
    }

    @Test
    void aSelection_turnsRulesOffByTagOrName_andOneThatPicksNoRule_isAWarning() throws Exception {
        try (var h = harness(BUILDER, 20)) {
            h.open();
            JsonNode off = push(h, RuleFileUpdate.put("selection/quiet.yaml", "- disable:\n    tag: canary\n",
                    "test"));
            assertThat(off.path("active_rules").asInt()).isZero();
            assertThat(strings(off.path("changes").path("changed"))).containsExactly("Live Canary");
            canary(h, "e-1");
            assertThat(alerts(h)).isEmpty();

            JsonNode none = push(h, RuleFileUpdate.put("selection/quiet.yaml", "- disable:\n    rule: Nothing *\n",
                    "test"));
            assertThat(none.path("status").asText()).isEqualTo("activated");
            assertThat(none.path("warnings").toString()).contains("selection/quiet.yaml:1:3: warning: this selection "
                    + "entry (disable rule 'Nothing *') picks no rule");
            canary(h, "e-2");
            assertThat(alerts(h)).hasSize(1);

            JsonNode bad = push(h, RuleFileUpdate.put("selection/quiet.yaml", "- switch:\n    rule: x\n", "test"));
            assertThat(bad.path("status").asText()).isEqualTo("rejected");
            assertThat(bad.path("errors").get(0).path("text").asText()).startsWith("selection/quiet.yaml:1:3:");
        }
    }

    @Test
    void anUpdateThatChangesNothing_keepsTheVersion_andSaysSo() throws Exception {
        try (var h = harness(BUILDER, 20)) {
            h.open();
            JsonNode first = push(h, RuleFileUpdate.put("a.yaml", rule("A", "canary", "[a]"), "test"));
            JsonNode again = push(h, RuleFileUpdate.put("a.yaml", rule("A", "canary", "[a]"), "test"));
            assertThat(again.path("unchanged").asBoolean()).isTrue();
            assertThat(again.path("version").asLong()).isEqualTo(first.path("version").asLong());
            JsonNode bootstrapText = push(h, RuleFileUpdate.put("00-base.yaml", BUILDER.bootstrapText("00-base.yaml"),
                    "test"));
            assertThat(bootstrapText.path("unchanged").asBoolean()).isTrue();
        }
    }

    @Test
    void rollback_afterARestoreFromASnapshot_putsBackEveryDocumentOfTheVersionAtOnce() throws Exception {
        OperatorSubtaskState snapshot;
        JsonNode v1;
        try (var h = harness(BUILDER, 20)) {
            h.open();
            v1 = push(h, RuleFileUpdate.put("a.yaml", rule("A", "canary", "[a]"), "test"));
            push(h, RuleFileUpdate.put("a.yaml", rule("A Renamed", "canary", "[a]"), "test"));
            push(h, RuleFileUpdate.putInShadow("b.yaml", rule("B", "canary", "[b]"), "test"));
            push(h, RuleFileUpdate.put("selection/quiet.yaml", "- disable:\n    rule: Live *\n", "test"));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(BUILDER, 20)) {
            h.initializeState(snapshot);
            h.open();
            long version = v1.path("version").asLong();
            JsonNode back = push(h, RuleFileUpdate.put("rollback/" + version,
                    "{\"file_sha256\":" + v1.path("file_sha256") + "}", "test"));
            assertThat(back.path("status").asText()).isEqualTo("activated");
            assertThat(back.path("version").asLong()).isEqualTo(5);
            assertThat(back.path("file_sha256")).isEqualTo(v1.path("file_sha256"));
            assertThat(strings(back.path("changes").path("added"))).containsExactly("A");
            assertThat(strings(back.path("changes").path("removed"))).containsExactlyInAnyOrder("A Renamed", "B");
            List<String> restored = new ArrayList<>();
            back.path("restored").forEach(r -> restored.add(r.path("file").asText() + " " + r.path("action").asText()));
            assertThat(restored).containsExactly("a.yaml put", "b.yaml delete", "selection/quiet.yaml delete");
            assertThat(back.path("history").get(0).path("version").asLong()).isEqualTo(5);
            assertThat(back.path("history").get(0).path("trigger").path("kind").asText()).isEqualTo("rollback");
            canary(h, "e-1");
            assertThat(alerts(h)).hasSize(2).anySatisfy(a -> assertThat(a).contains("\"rule\":\"A\""));
            assertThat(shadowAlerts(h)).isEmpty();
        }
    }

    @Test
    void aRollbackToAVersionNotKept_orWithOtherHashes_isRefused_andTheRulesetStays() throws Exception {
        try (var h = harness(BUILDER, 3)) {
            h.open();
            List<JsonNode> versions = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                versions.add(push(h, RuleFileUpdate.put("a.yaml", rule("A" + i, "canary", "[a]"), "test")));
            }
            JsonNode gone = push(h, RuleFileUpdate.put("rollback/1", "{\"file_sha256\":"
                    + versions.get(0).path("file_sha256") + "}", "test"));
            assertThat(gone.path("status").asText()).isEqualTo("rejected");
            assertThat(gone.path("errors").get(0).path("message").asText())
                    .contains("not among the versions this job keeps (3 to 5)");
            JsonNode other = push(h, RuleFileUpdate.put("rollback/4", "{\"file_sha256\":"
                    + versions.get(4).path("file_sha256") + "}", "test"));
            assertThat(other.path("errors").get(0).path("message").asText()).contains("a.yaml differs");
            assertThat(other.path("version").asLong()).isEqualTo(5);
            assertThat(other.path("history")).isEmpty();
        }
    }

    @Test
    void aRollbackToAVersionThatNoLongerCompilesWithTodaysBootstrap_isRejectedWithTheReason() throws Exception {
        OperatorSubtaskState snapshot;
        JsonNode v1;
        try (var h = harness(BUILDER, 20)) {
            h.open();
            v1 = push(h, RuleFileUpdate.put("a.yaml", rule("A", "canary", "[a]"), "test"));
            push(h, RuleFileUpdate.put("a.yaml", rule("A", "ct.name = TrailhawkCanary", "[a]"), "test"));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(builder(Map.of("00-base.yaml", LIVE)), 20)) {
            h.initializeState(snapshot);
            h.open();
            JsonNode back = push(h, RuleFileUpdate.put("rollback/" + v1.path("version").asLong(),
                    "{\"file_sha256\":" + v1.path("file_sha256") + "}", "test"));
            assertThat(back.path("status").asText()).isEqualTo("rejected");
            assertThat(back.path("errors").get(0).path("message").asText())
                    .contains("no longer compiles with this job's bootstrap files");
            assertThat(back.path("errors").get(1).path("text").asText()).startsWith("a.yaml:");
        }
    }
}
