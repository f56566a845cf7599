package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.any;
import static io.trailhawk.job.testing.EmbeddedKafka.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.control.ControlRecord;
import io.trailhawk.control.ControlRecord.Action;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.control.SigningKey;
import io.trailhawk.control.StatusRecord;
import io.trailhawk.job.testing.BrokerAndCluster;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.Statuses;
import io.trailhawk.job.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The control protocol end to end: signatures, sequence numbers, deletions under compaction, start reports. */
class ControlTopicITCase {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String CANARY = "- rule: Canary\n  desc: test\n  condition: ct.name = TrailhawkCanary\n"
            + "  output: canary %ct.id\n  priority: WARNING\n";

    @RegisterExtension
    static final BrokerAndCluster ENV = new BrokerAndCluster();

    private static RulePublisher publisher(EmbeddedKafka.Topics t, SigningKey key) {
        return new RulePublisher(ENV.kafka().bootstrapServers(), new Properties(), t.control, t.status, key);
    }

    private static void send(ProducerRecord<byte[], byte[]> r, String asName) throws Exception {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value());
        }
        ENV.kafka().send(r.topic(), asName, r.value(), headers);
    }

    private static boolean deletesCanary(JsonNode status) {
        return status.path("trigger").path("file").asText().equals("canary.yaml")
                && status.path("trigger").path("action").asText().equals("delete");
    }

    private static String error(JsonNode status) {
        return status.get("errors").get(0).get("message").asText();
    }

    @Test
    void signedUpdates_unsignedForgedRenamedAndReplayedRecordsAreRefused_withTheirReasons(@TempDir Path dir)
            throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        SigningKey.GeneratedKey generated = SigningKey.generate("ops-1");
        Files.writeString(dir.resolve("ops-1.pem"), generated.privatePem);
        SigningKey key = SigningKey.ecdsa("ops-1", dir.resolve("ops-1.pem"));
        Map<String, String> c = TestJobs.config(ENV.kafka(), t);
        c.put("rules.trusted-keys", generated.trustedEntry);
        JobID job = ENV.flink().submit(c);
        byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
        byte[] quiet = CANARY.replace("WARNING", "NOTICE").getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> v1 = new ControlRecord(ControlRecord.RULES_KIND, Action.PUT, "zz-canary.yaml",
                1_000, canary).toKafka(t.control, key);
        ENV.kafka().send(t.control, "zz-canary.yaml", canary, Map.of());
        send(new ControlRecord(ControlRecord.RULES_KIND, Action.PUT, "zz-canary.yaml", 1_000, canary)
                .toKafka(t.control, SigningKey.hmac("ops-1", "a guess")), "zz-canary.yaml");
        send(v1, "zz-canary.yaml");
        send(v1, "zz-other.yaml");
        send(v1, "zz-canary.yaml");
        try (RulePublisher p = publisher(t, key)) {
            StatusRecord v2 = p.publish("zz-canary.yaml", new String(quiet, StandardCharsets.UTF_8), WAIT);
            assertThat(v2.activated()).as("%s", v2.json()).isTrue();
        }
        send(v1, "zz-canary.yaml");

        List<JsonNode> s = Statuses.ofUpdates(ENV.kafka(), t.status, WAIT, 7);
        assertThat(error(s.get(0))).contains("unsigned control record");
        assertThat(error(s.get(1))).isEqualTo("invalid signature for key 'ops-1'");
        assertThat(s.get(2).get("status").asText()).isEqualTo("activated");
        assertThat(s.get(2).get("trigger").get("key_id").asText()).isEqualTo("ops-1");
        assertThat(s.get(2).get("trigger").get("sequence").asLong()).isEqualTo(1_000);
        assertThat(error(s.get(3))).as("renamed").isEqualTo("invalid signature for key 'ops-1'");
        assertThat(error(s.get(4))).as("replayed").contains("sequence 1000 is not newer than 1000");
        assertThat(s.get(5).get("status").asText()).isEqualTo("activated");
        assertThat(error(s.get(6))).as("an older version replayed after a newer")
                .contains("sequence 1000 is not newer than").contains("an older, reordered or replayed record");
        assertThat(s.get(6).get("version").asLong()).as("the newer version stays").isEqualTo(2);

        ENV.kafka().send(t.events, null, Events.record("TrailhawkCanary", "c-1"));
        List<String> alerts = ENV.kafka().readUntil(t.alerts, WAIT, any(a -> a.contains("canary c-1")));
        assertThat(alerts).singleElement().asString().contains("\"priority\":\"Notice\"");
        ENV.flink().cancel(job);
    }

    @Test
    void aSignedRecordThatDidNotCompile_cannotBeReplayedOnceItWould() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        Map<String, String> c = TestJobs.config(ENV.kafka(), t);
        c.put("rules.signing-key", "s3cret");
        JobID job = ENV.flink().submit(c);
        SigningKey key = SigningKey.hmac("default", "s3cret");
        ProducerRecord<byte[], byte[]> needsMacro = new ControlRecord(ControlRecord.RULES_KIND, Action.PUT,
                "zz-uses.yaml", 10, CANARY.replace("ct.name = TrailhawkCanary", "canary_call")
                        .getBytes(StandardCharsets.UTF_8)).toKafka(t.control, key);
        send(needsMacro, "zz-uses.yaml");
        send(new ControlRecord(ControlRecord.RULES_KIND, Action.PUT, "zz-macro.yaml", 11,
                "- macro: canary_call\n  condition: ct.name = TrailhawkCanary\n".getBytes(StandardCharsets.UTF_8))
                .toKafka(t.control, key), "zz-macro.yaml");
        send(needsMacro, "zz-uses.yaml");
        List<JsonNode> s = Statuses.ofUpdates(ENV.kafka(), t.status, WAIT, 3);
        assertThat(s.get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(error(s.get(0))).contains("canary_call");
        assertThat(s.get(1).get("status").asText()).isEqualTo("activated");
        assertThat(error(s.get(2))).as("the refused record, replayed now that it would compile")
                .contains("sequence 10 is not newer than 10");
        ENV.flink().cancel(job);
    }

    @Test
    void aDeletedBootstrapFile_staysDeletedAfterCompaction_onAFreshStart(@TempDir Path rules) throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        String compactedNow = "control-compacted-" + t.control;
        ENV.kafka().createTopic(compactedNow, 1, Map.of("cleanup.policy", "compact", "segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.0001", "delete.retention.ms", "0", "min.compaction.lag.ms", "0"));
        Files.writeString(rules.resolve("canary.yaml"), CANARY);
        Files.writeString(rules.resolve("trail.yaml"), "- rule: Trail Stopped\n  desc: d\n"
                + "  condition: ct.name = StopLogging\n  output: stopped %ct.id\n  priority: CRITICAL\n");
        Map<String, String> c = TestJobs.config(ENV.kafka(), t);
        c.put("topic.control", compactedNow);
        c.put("rules.bootstrap", rules.toString());
        JobID first = ENV.flink().submit(c);
        try (RulePublisher p = new RulePublisher(ENV.kafka().bootstrapServers(), new Properties(), compactedNow,
                t.status, null)) {
            assertThat(p.publish("canary.yaml", CANARY.replace("canary %ct.id", "changed %ct.id"), WAIT).activated())
                    .isTrue();
            assertThat(p.publish("canary.yaml", null, WAIT).activated()).isTrue();
            // The cleaner leaves the active segment alone: records under another name roll it until it has run.
            List<ConsumerRecord<byte[], byte[]>> left = List.of();
            for (int i = 0; i < 100 && left.size() != 1; i++) {
                Thread.sleep(200);
                p.send("zz-roll.yaml", "- list: roll\n  items: [" + i + "]\n");
                left = ENV.kafka().records(compactedNow, Duration.ofSeconds(2), r -> false).stream()
                        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("canary.yaml"))
                        .collect(java.util.stream.Collectors.toList());
            }
            assertThat(left).as("compaction kept only the last record of canary.yaml").hasSize(1);
            assertThat(left.get(0).value()).as("a deletion marker, not a tombstone compaction drops").isEmpty();
            assertThat(new String(left.get(0).headers().lastHeader(ControlRecord.ACTION_HEADER).value(),
                    StandardCharsets.US_ASCII)).isEqualTo("delete");
        }
        ENV.flink().cancel(first);

        Map<String, String> fresh = new HashMap<>(c);
        fresh.put("topic.alerts", t.alerts + "-fresh");
        fresh.put("topic.status", t.status + "-fresh");
        fresh.put("sink.transactional-id-prefix", "tx-fresh-" + t.alerts);
        ENV.kafka().createTopic(t.alerts + "-fresh", 1, false);
        ENV.kafka().createTopic(t.status + "-fresh", 1, false);
        JobID second = ENV.flink().submit(fresh);
        // Events the job meets before it has read the control topic meet the bootstrap rules alone.
        List<JsonNode> read = Statuses.ofUpdates(ENV.kafka(), t.status + "-fresh", WAIT, 1);
        for (int i = 0; i < 100 && read.stream().noneMatch(ControlTopicITCase::deletesCanary); i++) {
            read = Statuses.ofUpdates(ENV.kafka(), t.status + "-fresh", Duration.ofSeconds(1), read.size() + 1);
        }
        assertThat(read).anyMatch(ControlTopicITCase::deletesCanary);
        ENV.kafka().send(t.events, null, Events.record("TrailhawkCanary", "c-1"));
        ENV.kafka().send(t.events, null, Events.record("StopLogging", "s-1"));
        List<String> alerts = ENV.kafka().readUntil(t.alerts + "-fresh", WAIT, any(a -> a.contains("stopped s-1")));
        assertThat(count(alerts, "stopped s-1")).isEqualTo(1);
        assertThat(count(alerts, "c-1")).as("the deleted bootstrap file did not come back").isZero();
        ENV.flink().cancel(second);
    }

    @Test
    void theJobReportsItsStartingRuleset_beforeAnyControlRecord() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        JobID job = ENV.flink().submit(TestJobs.config(ENV.kafka(), t));
        JsonNode start = Statuses.ofStarts(ENV.kafka(), t.status, WAIT, 1).get(0);
        assertThat(start.get("status").asText()).isEqualTo("activated");
        assertThat(start.get("version").asLong()).isZero();
        assertThat(start.get("rules").asInt()).isEqualTo(1);
        assertThat(start.get("files").get(0).asText()).endsWith("base.yaml");
        assertThat(start.get("trigger").get("action").asText()).isEqualTo("start");
        assertThat(start.get("trigger").get("restored").asBoolean()).isFalse();
        assertThat(start.get("sha256").asText()).hasSize(64);
        ENV.flink().cancel(job);
    }
}
