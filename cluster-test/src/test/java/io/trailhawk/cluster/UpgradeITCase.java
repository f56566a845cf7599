package io.trailhawk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.control.RulePublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade as an operator does it: stop the job with a savepoint, start the jar from it at another parallelism,
 * twice (2, then 1, then 2). Pushed rule files, the ruleset version and a threshold's keyed state carry across,
 * and every probe's alert is read exactly once with {@code read_committed}.
 */
class UpgradeITCase {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "- rule: Probe\n  desc: cluster test probe\n"
            + "  condition: ct.name = TrailhawkProbe\n  output: probe %ct.id\n  priority: WARNING\n"
            + "- rule: Counted burst\n  desc: three counted calls by one principal\n"
            + "  condition: ct.name = TrailhawkCounted\n  output: burst by %ct.user.arn\n  priority: WARNING\n"
            + "  threshold:\n    count: 3\n    within: 1h\n    by: [ct.user.arn]\n";

    @Test
    void stopWithSavepoint_thenRestoreAt1Then2_keepsRulesVersionAndKeyedState_andAlertsExactlyOnce(@TempDir Path dir)
            throws Exception {
        Path jar = Path.of(System.getProperty("trailhawk.job.jar"));
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("base.yaml"), RULES);
        try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")),
                Files.readString(Path.of("target", "broker-classpath.txt")).trim());
                FlinkCluster flink = FlinkCluster.configure(Files.createDirectories(dir.resolve("flink")),
                        Path.of(System.getProperty("trailhawk.flink.conf")),
                        Files.readString(Path.of("target", "flink-classpath.txt")).trim(),
                        System.getProperty("trailhawk.flink.opens"), Map.of())) {
            for (String t : List.of("events", "status", "alerts", "dlq")) {
                kafka.createTopic(t, 2, Map.of());
            }
            kafka.createTopic("control", 1, Map.of("cleanup.policy", "compact"));
            flink.startJobManager();
            flink.startTaskManager();
            List<String> args = List.of("--kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "--source.kafka.topics", "events", "--source.kafka.group-id", "trailhawk-upgrade",
                    "--topic.control", "control", "--topic.status", "status", "--topic.alerts", "alerts",
                    "--topic.dlq", "dlq", "--rules.bootstrap", rules.toString(),
                    "--sink.transactional-id-prefix", "trailhawk-upgrade");
            String job = flink.submit(jar, args, 2);
            flink.awaitRunning(job, WAIT);
            try (ProbeTraffic traffic = new ProbeTraffic(kafka.bootstrapServers(), "events", "alerts", 50);
                    RulePublisher push = new RulePublisher(kafka.bootstrapServers(), new Properties(), "control",
                            "status", null);
                    KafkaProducer<byte[], byte[]> events = producer(kafka.bootstrapServers())) {
                traffic.startSending();
                assertThat(push.publish("zz-pushed.yaml", "- rule: Pushed\n  desc: pushed before the upgrade\n"
                        + "  condition: ct.name = TrailhawkPushed\n  output: pushed %ct.id\n  priority: WARNING\n",
                        WAIT).activated()).isTrue();
                send(events, "TrailhawkCounted", "a-1", "alice");
                send(events, "TrailhawkCounted", "a-2", "alice");
                awaitAlerts(traffic, 100);

                for (int parallelism : new int[] {1, 2}) {
                    Thread.sleep(3000);
                    String savepoint = flink.stopWithSavepoint(job, dir.resolve("savepoints"), WAIT);
                    job = flink.submit(jar, args, parallelism, savepoint);
                    flink.awaitRunning(job, WAIT);
                    int widest = 0;
                    for (JsonNode v : flink.get("/jobs/" + job).path("vertices")) {
                        widest = Math.max(widest, v.path("parallelism").asInt());
                    }
                    assertThat(widest).as("the job's parallelism after the upgrade").isEqualTo(parallelism);
                }
                // Alice's third call, after two upgrades.
                send(events, "TrailhawkCounted", "a-3", "alice");
                send(events, "TrailhawkPushed", "pushed-1", "carol");
                Thread.sleep(3000);
                traffic.stopSending();

                long deadline = System.nanoTime() + WAIT.toNanos();
                while ((!traffic.alertCounts.keySet().containsAll(traffic.sent.keySet())
                        || !traffic.alertCounts.containsKey("a-3") || !traffic.alertCounts.containsKey("pushed-1"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2000);
                List<String> lost = new ArrayList<>(traffic.sent.keySet());
                lost.removeAll(traffic.alertCounts.keySet());
                assertThat(lost).as("probes without an alert").isEmpty();
                assertThat(traffic.alertCounts).allSatisfy((id, n) -> assertThat(n.get()).as(id).isEqualTo(1));
                assertThat(traffic.alertCounts).as("the threshold counted a-1 and a-2 from before the upgrades")
                        .containsKeys("a-3", "pushed-1").doesNotContainKeys("a-1", "a-2");
            }
            List<JsonNode> starts = starts(kafka.bootstrapServers());
            assertThat(starts).hasSize(3);
            assertThat(starts.get(0).path("trigger").path("restored").asBoolean()).isFalse();
            for (JsonNode restoredStart : starts.subList(1, 3)) {
                assertThat(restoredStart.path("trigger").path("restored").asBoolean()).isTrue();
                assertThat(restoredStart.path("version").asLong()).as("the ruleset version carried").isEqualTo(1);
                assertThat(restoredStart.path("files").toString()).contains("zz-pushed.yaml");
            }
            flink.cancel(job);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> p, String name, String id, String user) throws Exception {
        p.send(new ProducerRecord<>("events", id.getBytes(StandardCharsets.UTF_8),
                ProbeTraffic.record(name, id, user))).get();
    }

    private static void awaitAlerts(ProbeTraffic traffic, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (traffic.alertsRead() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(traffic.alertsRead()).isGreaterThanOrEqualTo(n);
    }

    /** The status records the job wrote as it started, in order. */
    private static List<JsonNode> starts(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "starts-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of("status"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && out.size() < 3) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    JsonNode s = JSON.readTree(r.value());
                    if (s.path("trigger").path("action").asText().equals("start")) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }
}
