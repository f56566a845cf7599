package io.trailhawk.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.job.JobMetrics;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.testing.Events;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.stateful.GroupKey;
import io.trailhawk.stateful.MatchBytes;
import io.trailhawk.stateful.StatefulRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The stateful operator in Flink's operator harness: keyed state, timers, snapshots and reloads. */
class StatefulDetectorTest {
    private static final String THRESHOLD = "- rule: Probe burst\n  desc: d\n  condition: ct.name = TrailhawkProbe\n"
            + "  output: burst by %ct.user\n  priority: WARNING\n"
            + "  threshold:\n    count: 3\n    within: 1h\n    by: [ct.user]\n";
    private static final String QUIET = "- rule: Quiet\n  desc: d\n  condition: ct.name = TrailhawkQuiet\n"
            + "  output: quiet %ct.id\n  priority: WARNING\n  suppress:\n    by: [ct.user]\n    for: 10m\n";

    private static final String MORE = "- rule: Regions\n  desc: d\n  condition: ct.name = TrailhawkRegion\n"
            + "  output: regions %ct.id\n  priority: WARNING\n"
            + "  distinct:\n    field: ct.region\n    count: 2\n    within: 1h\n    by: [ct.user]\n"
            + "- rule: Step one\n  desc: d\n  condition: ct.name = TrailhawkStepOne\n  output: one\n"
            + "  priority: INFO\n  alert: false\n"
            + "- rule: Two steps\n  desc: d\n  condition: ct.name = TrailhawkStepTwo\n  output: two %ct.id\n"
            + "  priority: WARNING\n  sequence:\n    by: [ct.user]\n    within: 1h\n    steps: [Step one, Regions]\n"
            + "- rule: New IP\n  desc: d\n  condition: ct.name = TrailhawkLogin\n  output: new ip %ct.srcip\n"
            + "  priority: WARNING\n  first_seen:\n    field: ct.srcip\n    by: [ct.user]\n    learn: 1h\n"
            + "    forget: 1d\n";

    private static final RulesetBuilder BUILDER = new RulesetBuilder(Map.of("base.yaml", THRESHOLD + QUIET + MORE),
            RuleMatching.ALL, Priority.DEBUG, RuleLimits.defaults());
    private static final CompiledRuleset RULES = BUILDER.build(Map.of(), "h").ruleset;

    private static KeyedBroadcastOperatorTestHarness<GroupKey, StatefulMatch, RuleFileUpdate, AlertRecord> harness()
            throws Exception {
        JobMetrics metrics = JobMetrics.of(JobConfig.of(Map.of("kafka.bootstrap-servers", "127.0.0.1:9",
                "source.kafka.topics", "events"), false));
        KeyedBroadcastOperatorTestHarness<GroupKey, StatefulMatch, RuleFileUpdate, AlertRecord> h =
                new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                        new StatefulDetector(BUILDER, 20, "h", metrics, AlertWriter.falcoJsonOnly()), List.of(RuleFiles.FILES, RuleFiles.META,
                                RulesetHistory.HISTORY)),
                        m -> GroupKey.fromBytes(m.key), GroupKeyType.INSTANCE, 1, 1, 0);
        return h;
    }

    private static List<StatefulMatch> matches(String json) throws Exception {
        CloudTrailEvent e = CloudTrailEvent.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json), 1);
        return StatefulMatch.byKey(RULES.evaluate(e), StatefulRules.of(RULES));
    }

    private static long millis(String time) {
        return java.time.Instant.parse(time).toEpochMilli();
    }

    private static void send(KeyedBroadcastOperatorTestHarness<GroupKey, StatefulMatch, RuleFileUpdate, AlertRecord> h,
            String eventName, String id, String time) throws Exception {
        send(h, Events.recordAt(eventName, id, "mallory", time), time);
    }

    private static void send(KeyedBroadcastOperatorTestHarness<GroupKey, StatefulMatch, RuleFileUpdate, AlertRecord> h,
            String json, String time) throws Exception {
        for (StatefulMatch m : matches(json)) {
            h.processElement(new StreamRecord<>(m, millis(time)));
        }
    }

    /** How many keys hold group state. */
    private static long groups(KeyedBroadcastOperatorTestHarness<GroupKey, StatefulMatch, RuleFileUpdate, AlertRecord> h)
            throws Exception {
        try (java.util.stream.Stream<Object> keys = h.getOperator().getKeyedStateBackend()
                .getKeys(StatefulDetector.GROUP_STATE.getName(), org.apache.flink.runtime.state.VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    private static List<String> alerts(
            KeyedBroadcastOperatorTestHarness<GroupKey, StatefulMatch, RuleFileUpdate, AlertRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add(((AlertRecord) ((StreamRecord<?>) o).getValue()).jsonText());
            }
        }
        return out;
    }

    @Test
    void aStatefulRuleInShadow_keepsItsState_andAlertsOnlyOnTheShadowOutput_untilPromoted() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processBroadcastElement(RuleFileUpdate.put("zz-stage.yaml", "- rule: Probe burst\n  shadow: true\n"
                    + "  override:\n    shadow: replace\n", "test").signed(1, null), 0);
            send(h, "TrailhawkProbe", "p-1", "2023-07-10T12:00:00Z");
            send(h, "TrailhawkProbe", "p-2", "2023-07-10T12:01:00Z");
            send(h, "TrailhawkProbe", "p-3", "2023-07-10T12:02:00Z");
            assertThat(alerts(h)).isEmpty();
            List<String> shadow = new ArrayList<>();
            h.getSideOutput(ShadowAlerts.TAG).forEach(r -> shadow.add(r.getValue().jsonText()));
            assertThat(shadow).singleElement().asString().startsWith("{\"shadow\":true,")
                    .contains("\"kind\":\"threshold\"").contains("\"count\":3");

            send(h, "TrailhawkProbe", "p-4", "2023-07-10T12:03:00Z");
            send(h, "TrailhawkProbe", "p-5", "2023-07-10T12:04:00Z");
            long counting = groups(h);
            h.processBroadcastElement(RuleFileUpdate.put("promotion/Probe burst", "", "test").signed(2, null), 0);
            assertThat(groups(h)).as("a promotion keeps the state").isEqualTo(counting).isPositive();
            send(h, "TrailhawkProbe", "p-6", "2023-07-10T12:05:00Z");
            assertThat(alerts(h)).singleElement().asString().doesNotContain("\"shadow\"");
        }
    }

    @Test
    void aThresholdsCount_survivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            send(h, "TrailhawkProbe", "p-1", "2023-07-10T12:00:00Z");
            send(h, "TrailhawkProbe", "p-2", "2023-07-10T12:01:00Z");
            assertThat(alerts(h)).isEmpty();
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            send(h, "TrailhawkProbe", "p-3", "2023-07-10T12:02:00Z");
            assertThat(alerts(h)).hasSize(1);
            assertThat(alerts(h).get(0)).contains("\"kind\":\"threshold\"").contains("\"count\":3");
        }
    }

    @Test
    void aSuppressionWindow_closesOnItsTimer_withTheSummary() throws Exception {
        try (var h = harness()) {
            h.open();
            // The control stream holds nothing back: the job's is idle, and the harness's at the end of time.
            h.processBroadcastWatermark(Long.MAX_VALUE);
            send(h, "TrailhawkQuiet", "q-1", "2023-07-10T12:00:00Z");
            send(h, "TrailhawkQuiet", "q-2", "2023-07-10T12:03:00Z");
            assertThat(alerts(h)).hasSize(1);
            h.processWatermark(millis("2023-07-10T12:09:59Z"));
            assertThat(alerts(h)).hasSize(1);
            h.processWatermark(millis("2023-07-10T12:10:00Z"));
            assertThat(alerts(h)).hasSize(2);
            assertThat(alerts(h).get(1)).contains("\"kind\":\"suppressed\"").contains("\"count\":1");
            assertThat(groups(h)).isZero();
        }
    }

    @Test
    void aPushThatDeletesTheRule_removesItsState() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, "TrailhawkProbe", "p-1", "2023-07-10T12:00:00Z");
            assertThat(groups(h)).isPositive();
            h.processBroadcastElement(new StreamRecord<>(RuleFileUpdate.put("zz-quiet.yaml", QUIET.replace("Quiet",
                    "Quieter"), "test")));
            assertThat(groups(h)).as("an unrelated push keeps state").isPositive();
            h.processBroadcastElement(new StreamRecord<>(RuleFileUpdate.put("base.yaml", QUIET, "test")));
            assertThat(groups(h)).as("the threshold rule is gone").isZero();
        }
    }

    @Test
    void aDistinctCount_keepsItsValuesAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            send(h, Events.recordAt("TrailhawkRegion", "g-1", "mallory", "2023-07-10T12:00:00Z"), "2023-07-10T12:00:00Z");
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            send(h, Events.recordAt("TrailhawkRegion", "g-2", "mallory", "2023-07-10T12:05:00Z")
                    .replace("\"us-east-1\"", "\"eu-west-1\""), "2023-07-10T12:05:00Z");
            assertThat(alerts(h)).hasSize(1);
            assertThat(alerts(h).get(0)).contains("\"kind\":\"distinct\"").contains("\"values\":[\"us-east-1\",\"eu-west-1\"]");
        }
    }

    @Test
    void aSequence_completesAcrossARestore_andItsPartialExpiresOnItsTimer() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            send(h, "TrailhawkStepOne", "s-1", "2023-07-10T12:00:00Z");
            assertThat(groups(h)).as("a step waits for the watermark in its key's state").isEqualTo(1);
            h.processWatermark(millis("2023-07-10T12:00:00Z"));
            assertThat(groups(h)).isEqualTo(1);
            snapshot = h.snapshot(1, 1);
            h.processWatermark(millis("2023-07-10T13:02:00Z"));
            assertThat(groups(h)).as("the partial expired").isZero();
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            send(h, "TrailhawkRegion", "s-2", "2023-07-10T12:30:00Z");
            h.processWatermark(millis("2023-07-10T12:30:00Z"));
            assertThat(alerts(h)).anyMatch(a -> a.contains("\"kind\":\"sequence\"")
                    && a.contains("\"event_ids\":[\"s-1\",\"s-2\"]"));
        }
    }

    @Test
    void aSequencesSteps_arrivingInReverseWithinTheBound_areTakenInEventTimeOrder() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(millis("2023-07-10T11:55:00Z"));
            send(h, "TrailhawkRegion", "r-2", "2023-07-10T12:00:30Z");
            send(h, "TrailhawkStepOne", "r-1", "2023-07-10T12:00:10Z");
            assertThat(alerts(h).stream().filter(a -> a.contains("\"kind\":\"sequence\""))).isEmpty();
            h.processWatermark(millis("2023-07-10T12:05:00Z"));
            assertThat(alerts(h)).filteredOn(a -> a.contains("\"kind\":\"sequence\"")).singleElement().asString()
                    .contains("\"event_ids\":[\"r-1\",\"r-2\"]");
        }
    }

    @Test
    void aKeyHolds16StepsItself_andAMillisecond4095More_theNextIsTakenAtOnce_noneIsLost() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            List<StatefulMatch> one = matches(Events.recordAt("TrailhawkStepOne", "m-0", "mallory",
                    "2023-07-10T12:00:00Z"));
            for (int i = 0; i < 16 + 4095; i++) {
                for (StatefulMatch m : one) {
                    h.processElement(new StreamRecord<>(m, millis("2023-07-10T12:00:00Z")));
                }
            }
            try (java.util.stream.Stream<Object> keys = h.getOperator().getKeyedStateBackend().getKeys(
                    StatefulDetector.PENDING.getName(), org.apache.flink.runtime.state.VoidNamespace.INSTANCE)) {
                assertThat(keys.count()).as("the host holds the steps beyond the key's 16").isEqualTo(1);
            }
            send(h, "TrailhawkStepOne", "m-1", "2023-07-10T12:00:00Z");
            h.processWatermark(millis("2023-07-10T12:00:01Z"));
            send(h, "TrailhawkRegion", "m-2", "2023-07-10T12:00:02Z");
            h.processWatermark(millis("2023-07-10T12:00:02Z"));
            assertThat(alerts(h)).filteredOn(a -> a.contains("\"kind\":\"sequence\"")).hasSize(1);
        }
    }

    @Test
    void aSequenceStepBehindTheWatermark_isLateButStillTaken() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(millis("2023-07-10T12:10:00Z"));
            send(h, "TrailhawkStepOne", "l-1", "2023-07-10T12:00:00Z");
            assertThat(groups(h)).as("taken at once, not held").isEqualTo(1);
            send(h, "TrailhawkRegion", "l-2", "2023-07-10T12:20:00Z");
            h.processWatermark(millis("2023-07-10T12:20:00Z"));
            assertThat(alerts(h)).filteredOn(a -> a.contains("\"kind\":\"sequence\"")).hasSize(1);
        }
    }

    @Test
    void firstSeen_learnsFirst_thenAlertsOnANewValue_andItsBirthSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            send(h, "TrailhawkLogin", "f-1", "2023-07-10T12:00:00Z");
            send(h, Events.recordAt("TrailhawkLogin", "f-2", "mallory", "2023-07-10T12:30:00Z")
                    .replace("203.0.113.5", "198.51.100.9"), "2023-07-10T12:30:00Z");
            assertThat(alerts(h)).as("learning").isEmpty();
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            send(h, Events.recordAt("TrailhawkLogin", "f-3", "mallory", "2023-07-10T13:30:00Z")
                    .replace("203.0.113.5", "192.0.2.44"), "2023-07-10T13:30:00Z");
            send(h, "TrailhawkLogin", "f-4", "2023-07-10T13:31:00Z");
            assertThat(alerts(h)).hasSize(1);
            assertThat(alerts(h).get(0)).contains("\"kind\":\"first_seen\"").contains("192.0.2.44");
        }
    }
}
