package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.any;
import static io.trailhawk.job.testing.EmbeddedKafka.atLeast;
import static io.trailhawk.job.testing.EmbeddedKafka.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.job.testing.BrokerAndCluster;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.Statuses;
import io.trailhawk.job.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job on a real MiniCluster against a real Kafka broker. */
class PipelineITCase {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CANARY_RULE = "- rule: Canary\n  desc: test\n  condition: ct.name = TrailhawkCanary\n"
            + "  output: canary %ct.id\n  priority: WARNING\n";

    @RegisterExtension
    static final BrokerAndCluster ENV = new BrokerAndCluster();

    private static Map<String, String> config(EmbeddedKafka.Topics t) {
        Map<String, String> c = TestJobs.config(ENV.kafka(), t);
        c.put("alerts.hostname", "test-host");
        return c;
    }

    private static List<String> eventIds(List<String> alerts, String rule) {
        return alerts.stream().map(PipelineITCase::json).filter(a -> a.get("rule").asText().equals(rule))
                .map(a -> a.get("trailhawk").get("event_id").asText()).sorted().collect(Collectors.toList());
    }

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    private static List<JsonNode> statuses(EmbeddedKafka.Topics t, int n) {
        return Statuses.ofUpdates(ENV.kafka(), t.status, WAIT, n);
    }

    @Test
    void everyPayloadShape_alertsExactlyOnce_andBadInputGoesToDeadLetters() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(2);
        JobID job = ENV.flink().submit(config(t));
        String big = Events.record("StopLogging", "e-big").replace("{\"name\":\"main\"}",
                "{\"name\":\"" + "x".repeat(1_000_000) + "\"}");
        ENV.kafka().send(t.events, "k1", Events.record("StopLogging", "e-1"));
        ENV.kafka().send(t.events, "k2", Events.batch(Events.record("StopLogging", "e-2"),
                Events.record("DescribeTrails", "e-ignored"), Events.record("StopLogging", "e-3")));
        ENV.kafka().send(t.events, "k3", Events.eventBridge(Events.record("StopLogging", "e-4")));
        ENV.kafka().send(t.events, "k4", Events.cloudWatchLogs(Events.record("StopLogging", "e-5"),
                Events.record("StopLogging", "e-6")), Map.of());
        ENV.kafka().send(t.events, "k5", Events.record("StopLogging", "e-7") + "\n" + Events.record("StopLogging", "e-8"));
        ENV.kafka().send(t.events, "k6", big);
        ENV.kafka().send(t.events, "bad1", "{\"Records\":[{\"eventTime\":\"2023-07-10T12:00:00Z\",");
        ENV.kafka().send(t.events, "bad2", "{\"eventTime\":1688990400,\"eventType\":\"AwsApiCall\"}");
        ENV.kafka().send(t.events, "bad3", "\u0000garbage".repeat(100_000));
        ENV.kafka().send(t.events, "bad4", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5}, Map.of());

        List<String> alerts = ENV.kafka().readUntil(t.alerts, WAIT, atLeast(9));
        assertThat(eventIds(alerts, "Trail Stopped")).containsExactly("e-1", "e-2", "e-3", "e-4", "e-5", "e-6", "e-7",
                "e-8", "e-big");
        JsonNode first = json(alerts.get(0));
        assertThat(first.get("priority").asText()).isEqualTo("Critical");
        assertThat(first.get("source").asText()).isEqualTo("aws_cloudtrail");
        assertThat(first.get("hostname").asText()).isEqualTo("test-host");
        assertThat(first.get("time").asText()).isEqualTo("2023-07-10T12:00:00.000000000Z");

        List<JsonNode> dead = ENV.kafka().readUntil(t.dlq, WAIT, atLeast(4)).stream().map(PipelineITCase::json)
                .collect(Collectors.toList());
        assertThat(dead).hasSize(4);
        assertThat(dead).allSatisfy(d -> {
            assertThat(d.get("source").asText()).startsWith("kafka:" + t.events + "/");
            assertThat(d.get("reason").asText()).isNotBlank();
            assertThat(java.util.Base64.getDecoder().decode(d.get("bytes_base64").asText()).length)
                    .isBetween(1, 64 * 1024);
        });
        assertThat(dead.stream().map(d -> d.get("reason").asText())).anyMatch(r -> r.contains("malformed JSON"))
                .anyMatch(r -> r.contains("eventTime is not an RFC 3339 time"))
                .anyMatch(r -> r.contains("invalid gzip data"));
        List<String> metrics = ENV.flink().operatorMetrics(job, "detect");
        assertThat(metrics).anyMatch(m -> m.endsWith("trailhawk.rule.TrailStopped.alerts"))
                .anyMatch(m -> m.endsWith("trailhawk.evaluationNanos_p99"))
                .anyMatch(m -> m.endsWith("trailhawk.evaluationNanosP99"));
        assertThat(ENV.flink().cluster().getJobStatus(job).get()).isEqualTo(JobStatus.RUNNING);
        ENV.flink().cancel(job);
    }

    @Test
    void hotReload_pushFires_brokenFileIsRejectedWhole_deleteStops() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        JobID job = ENV.flink().submit(config(t));
        ENV.kafka().send(t.events, null, Events.record("StopLogging", "s-1"));
        assertThat(eventIds(ENV.kafka().readUntil(t.alerts, WAIT, atLeast(1)), "Trail Stopped")).containsExactly("s-1");

        ENV.kafka().send(t.control, "zz-canary.yaml", CANARY_RULE);
        JsonNode activated = statuses(t, 1).get(0);
        assertThat(activated.get("status").asText()).isEqualTo("activated");
        assertThat(activated.get("version").asLong()).isEqualTo(1);
        assertThat(activated.get("rules").asInt()).isEqualTo(2);
        assertThat(activated.get("files").toString()).isEqualTo("[\"base.yaml\",\"zz-canary.yaml\"]");
        ENV.kafka().send(t.events, null, Events.record("TrailhawkCanary", "c-1"));
        ENV.kafka().readUntil(t.alerts, WAIT, any(a -> a.contains("canary c-1")));

        ENV.kafka().send(t.control, "zz-broken.yaml", "- rule: Broken\n  desc: d\n  condition: ct.nope = 1\n"
                + "  output: o\n  priority: INFO\n");
        JsonNode rejected = statuses(t, 2).get(1);
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("version").asLong()).isEqualTo(1);
        JsonNode error = rejected.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("zz-broken.yaml");
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(error.get("col").asInt()).isEqualTo(14);
        assertThat(error.get("message").asText()).contains("nonexistent field ct.nope");
        ENV.kafka().send(t.events, null, Events.record("TrailhawkCanary", "c-2"));
        ENV.kafka().send(t.events, null, Events.record("StopLogging", "s-2"));
        List<String> afterReject = ENV.kafka().readUntil(t.alerts, WAIT,
                any(a -> a.contains("canary c-2")).and(any(a -> a.contains("event=s-2"))));
        assertThat(count(afterReject, "canary c-2")).isEqualTo(1);

        ENV.kafka().send(t.control, "zz-canary.yaml", null);
        JsonNode deleted = statuses(t, 3).get(2);
        assertThat(deleted.get("status").asText()).isEqualTo("activated");
        assertThat(deleted.get("version").asLong()).isEqualTo(2);
        assertThat(deleted.get("rules").asInt()).isEqualTo(1);
        ENV.kafka().send(t.events, null, Events.record("TrailhawkCanary", "c-3"));
        ENV.kafka().send(t.events, null, Events.record("StopLogging", "s-3"));
        List<String> all = ENV.kafka().readUntil(t.alerts, WAIT, any(a -> a.contains("event=s-3")));
        assertThat(count(all, "canary c-3")).isZero();
        assertThat(eventIds(all, "Trail Stopped")).containsExactly("s-1", "s-2", "s-3");
        assertThat(eventIds(all, "Canary")).containsExactly("c-1", "c-2");
        assertThat(statuses(t, 3)).hasSize(3);
        ENV.flink().cancel(job);
    }

    @Test
    void hostileControlMessages_areEachRefusedWithAStatus_andTheRulesetRunsOn() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        JobID job = ENV.flink().submit(config(t));
        StringBuilder aliases = new StringBuilder("- list: l0\n  items: &a0 [lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            String ref = "*a" + (i - 1);
            aliases.append("- list: l").append(i).append("\n  items: &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(7, ref))).append("]\n");
        }
        StringBuilder manyRules = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            manyRules.append("- {rule: r").append(i).append(", desc: d, condition: ct.name = x, output: o, "
                    + "priority: INFO}\n");
        }
        String rule = "- rule: R\n  desc: d\n  output: o\n  priority: INFO\n  condition: ";
        Map<String, byte[]> none = Map.of();
        ENV.kafka().send(t.control, "big.yaml", new byte[50 * 1024 * 1024], none);
        ENV.kafka().send(t.control, "latin1.yaml", (rule + "ct.user = \"m\u00fcller\"\n")
                .getBytes(StandardCharsets.ISO_8859_1), none);
        ENV.kafka().send(t.control, "aliases.yaml", aliases.toString());
        ENV.kafka().send(t.control, "deep.yaml", "- rule: R\n  tags: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        ENV.kafka().send(t.control, "parens.yaml", rule + "(".repeat(10_000) + "ct.name = x" + ")".repeat(10_000) + "\n");
        ENV.kafka().send(t.control, "many.yaml", manyRules.toString());
        ENV.kafka().send(t.control, "regex.yaml", rule + "ct.name regex 'x(?=y)'\n");
        ENV.kafka().send(t.control, "../../etc/passwd", CANARY_RULE);
        ENV.kafka().send(t.control, "zz-canary.yaml", CANARY_RULE);

        List<JsonNode> s = statuses(t, 9);
        String[] expected = {"control record value is 52428800 bytes", "control record value is not UTF-8",
            "more than 50 YAML aliases", "YAML nests deeper than 64 levels", "exceeded max depth limit of 1000",
            "control record value is ", "invalid regex pattern", "is not a rule file name"};
        for (int i = 0; i < expected.length; i++) {
            assertThat(s.get(i).get("status").asText()).as("status %d", i).isEqualTo("rejected");
            assertThat(s.get(i).get("version").asLong()).isZero();
            assertThat(s.get(i).get("errors").get(0).get("message").asText()).contains(expected[i]);
        }
        assertThat(s.get(8).get("status").asText()).isEqualTo("activated");
        assertThat(s.get(8).get("version").asLong()).isEqualTo(1);
        assertThat(s.get(8).get("files").toString()).isEqualTo("[\"base.yaml\",\"zz-canary.yaml\"]");
        ENV.kafka().send(t.events, null, Events.record("TrailhawkCanary", "h-1"));
        ENV.kafka().send(t.events, null, Events.record("StopLogging", "h-2"));
        List<String> alerts = ENV.kafka().readUntil(t.alerts, WAIT,
                any(a -> a.contains("canary h-1")).and(any(a -> a.contains("event=h-2"))));
        assertThat(count(alerts, "canary h-1")).isEqualTo(1);
        assertThat(ENV.flink().cluster().getJobStatus(job).get()).isEqualTo(JobStatus.RUNNING);
        ENV.flink().cancel(job);
    }

    @Test
    void taskManagerCrash_restoresFromCheckpoint_alertsExactlyOnce_pushedRulesSurvive() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(2);
        JobID job = ENV.flink().submit(config(t));
        ENV.kafka().send(t.control, "zz-canary.yaml", CANARY_RULE);
        statuses(t, 1);
        for (int i = 0; i < 30; i++) {
            ENV.kafka().send(t.events, "k" + i, Events.record("StopLogging", String.format("f-%02d", i)));
        }
        ENV.kafka().readUntil(t.alerts, WAIT, atLeast(10));
        ENV.flink().crashTaskManager();
        ENV.flink().waitFor(job, JobStatus.RUNNING, WAIT);
        for (int i = 30; i < 60; i++) {
            ENV.kafka().send(t.events, "k" + i, Events.record("StopLogging", String.format("f-%02d", i)));
        }
        ENV.kafka().send(t.events, "canary", Events.record("TrailhawkCanary", "c-after"));
        List<String> alerts = ENV.kafka().readUntil(t.alerts, WAIT, atLeast(61));
        Thread.sleep(2000);
        alerts = ENV.kafka().readUntil(t.alerts, Duration.ofSeconds(5), atLeast(Integer.MAX_VALUE));
        List<String> ids = eventIds(alerts, "Trail Stopped");
        assertThat(ids).hasSize(60).doesNotHaveDuplicates();
        assertThat(eventIds(alerts, "Canary")).containsExactly("c-after");
        ENV.flink().cancel(job);
    }
}
