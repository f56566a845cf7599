package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.any;
import static io.trailhawk.job.testing.EmbeddedKafka.atLeast;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.job.testing.BrokerAndCluster;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.Statuses;
import io.trailhawk.job.testing.TestJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stateful rules in the whole job, on a real MiniCluster against a real broker, alerts read committed. */
class StatefulRulesITCase {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CANARY = "- rule: Canary\n  desc: d\n  condition: ct.name = TrailhawkCanary\n"
            + "  output: canary %ct.id\n  priority: WARNING\n";

    @RegisterExtension
    static final BrokerAndCluster ENV = new BrokerAndCluster();

    private static Map<String, String> config(EmbeddedKafka.Topics t) {
        Map<String, String> c = TestJobs.config(ENV.kafka(), t);
        c.put("watermark.idleness", "1s");
        return c;
    }

    private static String threshold(String extraCondition) {
        return "- rule: Probe burst\n  desc: d\n  condition: ct.name = TrailhawkProbe" + extraCondition + "\n"
                + "  output: probe burst by %ct.user\n  priority: WARNING\n"
                + "  threshold:\n    count: 3\n    within: 1h\n    by: [ct.user]\n";
    }

    private static String probe(String id, String time) {
        return Events.recordAt("TrailhawkProbe", id, "mallory", time);
    }

    private static List<JsonNode> alerts(List<String> raw, String rule) {
        List<JsonNode> out = new ArrayList<>();
        for (String s : raw) {
            try {
                JsonNode a = MAPPER.readTree(s);
                if (a.get("rule").asText().equals(rule)) {
                    out.add(a);
                }
            } catch (Exception e) {
                throw new AssertionError(s, e);
            }
        }
        return out;
    }

    /** Waits until every event sent so far has been evaluated, by a canary sent after them being alerted. */
    private static void sync(EmbeddedKafka.Topics t, String id) throws Exception {
        ENV.kafka().send(t.events, "k", Events.record("TrailhawkCanary", id));
        ENV.kafka().readUntil(t.alerts, WAIT, any(a -> a.contains("canary " + id)));
    }

    private static void activated(EmbeddedKafka.Topics t, int statuses) {
        List<JsonNode> s = Statuses.ofUpdates(ENV.kafka(), t.status, WAIT, statuses);
        assertThat(s.get(statuses - 1).get("status").asText()).isEqualTo("activated");
    }

    @Test
    void aThresholdWindowSpanningATaskManagerCrash_resumesItsCount_withOneAlert() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        JobID job = ENV.flink().submit(config(t));
        ENV.kafka().send(t.control, "zz-canary.yaml", CANARY);
        ENV.kafka().send(t.control, "zz-probe.yaml", threshold(""));
        activated(t, 2);
        ENV.kafka().send(t.events, "k", probe("p-1", "2023-07-10T12:00:00Z"));
        ENV.kafka().send(t.events, "k", probe("p-2", "2023-07-10T12:01:00Z"));
        sync(t, "c-1");
        // Several checkpoints complete after both matches are in state.
        Thread.sleep(3000);
        ENV.flink().crashTaskManager();
        ENV.flink().waitFor(job, JobStatus.RUNNING, WAIT);
        ENV.kafka().send(t.events, "k", probe("p-3", "2023-07-10T12:02:00Z"));
        List<String> raw = ENV.kafka().readUntil(t.alerts, WAIT, any(a -> a.contains("probe burst")));
        Thread.sleep(3000);
        raw = ENV.kafka().readUntil(t.alerts, Duration.ofSeconds(5), atLeast(Integer.MAX_VALUE));
        List<JsonNode> bursts = alerts(raw, "Probe burst");
        assertThat(bursts).as("alerts: %s", raw).hasSize(1);
        JsonNode state = bursts.get(0).get("trailhawk");
        assertThat(state.get("kind").asText()).isEqualTo("threshold");
        assertThat(state.get("count").asInt()).isEqualTo(3);
        assertThat(state.get("event_ids").toString()).isEqualTo("[\"p-1\",\"p-2\",\"p-3\"]");
        assertThat(state.get("group").get("ct.user").asText()).isEqualTo("mallory");
        ENV.flink().cancel(job);
    }

    @Test
    void aReload_keepsTheStateOfAnUnchangedRule_andAChangedRuleStartsAfresh() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        JobID job = ENV.flink().submit(config(t));
        ENV.kafka().send(t.control, "zz-probe.yaml", threshold(""));
        activated(t, 1);
        ENV.kafka().send(t.events, "k", probe("r-1", "2023-07-10T12:00:00Z"));
        ENV.kafka().send(t.events, "k", probe("r-2", "2023-07-10T12:01:00Z"));
        ENV.kafka().send(t.control, "zz-canary.yaml", CANARY);
        activated(t, 2);
        ENV.kafka().send(t.events, "k", probe("r-3", "2023-07-10T12:02:00Z"));
        List<String> raw = ENV.kafka().readUntil(t.alerts, WAIT, any(a -> a.contains("probe burst")));
        assertThat(alerts(raw, "Probe burst")).hasSize(1);

        ENV.kafka().send(t.events, "k", probe("r-4", "2023-07-10T12:03:00Z"));
        ENV.kafka().send(t.events, "k", probe("r-5", "2023-07-10T12:04:00Z"));
        sync(t, "c-2");
        ENV.kafka().send(t.control, "zz-probe.yaml", threshold(" and ct.region = us-east-1"));
        activated(t, 3);
        ENV.kafka().send(t.events, "k", probe("r-6", "2023-07-10T12:05:00Z"));
        sync(t, "c-3");
        Thread.sleep(1000);
        raw = ENV.kafka().readUntil(t.alerts, Duration.ofSeconds(5), atLeast(Integer.MAX_VALUE));
        assertThat(alerts(raw, "Probe burst")).as("r-4 and r-5 counted for the old rule only").hasSize(1);
        ENV.kafka().send(t.events, "k", probe("r-7", "2023-07-10T12:06:00Z"));
        ENV.kafka().send(t.events, "k", probe("r-8", "2023-07-10T12:07:00Z"));
        raw = ENV.kafka().readUntil(t.alerts, WAIT, r -> alerts(r, "Probe burst").size() >= 2);
        List<JsonNode> bursts = alerts(raw, "Probe burst");
        assertThat(bursts.get(1).get("trailhawk").get("event_ids").toString())
                .isEqualTo("[\"r-6\",\"r-7\",\"r-8\"]");
        ENV.flink().cancel(job);
    }

    @Test
    void outOfOrderWithinTheBound_isOneWindow_aLateMatchIsNotDropped_andIsCounted() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        JobID job = ENV.flink().submit(config(t));
        ENV.kafka().send(t.control, "zz-quiet.yaml", "- rule: Quiet\n  desc: d\n  condition: ct.name = TrailhawkProbe\n"
                + "  output: probe %ct.id\n  priority: WARNING\n  suppress:\n    by: [ct.user]\n    for: 10m\n");
        ENV.kafka().send(t.control, "zz-canary.yaml", CANARY);
        activated(t, 2);
        ENV.kafka().send(t.events, "k", probe("o-1", "2023-07-10T12:05:00Z"));
        ENV.kafka().send(t.events, "k", probe("o-2", "2023-07-10T12:01:00Z"));
        ENV.kafka().send(t.events, "k", Events.recordAt("TrailhawkCanary", "tick", "x", "2023-07-10T12:40:00Z"));
        List<String> raw = ENV.kafka().readUntil(t.alerts, WAIT, r -> alerts(r, "Quiet").size() >= 2);
        List<JsonNode> quiet = alerts(raw, "Quiet");
        assertThat(quiet).as("alerts: %s", raw).hasSize(2);
        // By kind, not by position: the two may be committed in different transactions.
        assertThat(quiet).filteredOn(a -> a.get("trailhawk").get("kind").asText().equals("suppress")).hasSize(1);
        assertThat(quiet).filteredOn(a -> a.get("trailhawk").get("kind").asText().equals("suppressed"))
                .singleElement().satisfies(a -> assertThat(a.get("trailhawk").get("count").asInt()).isEqualTo(1));

        ENV.kafka().send(t.events, "k", probe("o-late", "2023-07-10T11:00:00Z"));
        // Until all three: alerts of different transactions need not be read in the order they were made.
        raw = ENV.kafka().readUntil(t.alerts, WAIT, r -> alerts(r, "Quiet").size() >= 3);
        assertThat(alerts(raw, "Quiet")).as("alerts: %s", raw).hasSize(3)
                .anySatisfy(a -> assertThat(a.get("output").asText()).contains("probe o-late"));
        assertThat(ENV.flink().operatorMetrics(job, "detect stateful", "lateMatches"))
                .anyMatch(m -> m.endsWith("trailhawk.lateMatches"));
        ENV.flink().cancel(job);
    }
}
