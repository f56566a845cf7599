package io.trailhawk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.control.StatusRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job on a cluster of separate processes, under the faults an operator meets: a TaskManager killed
 * with {@code kill -9} in mid-stream and replaced, a broker restarted in mid-stream, and rule pushes while the job
 * recovers. Every probe's alert must be read exactly once with {@code read_committed}, and no process may log a
 * class-loading error.
 */
class ClusterFaultsITCase {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Pattern CLASS_LOADING = Pattern.compile(
            "ClassNotFoundException|NoClassDefFoundError|LinkageError|ClassCastException|IllegalAccessError"
                    + "|NoSuchMethodError|NoSuchFieldError|ServiceConfigurationError");
    /** Flink's own probe for Hadoop, which a distribution without Hadoop logs at start. */
    private static final String BENIGN_HADOOP_PROBE = "is not available (not packaged with this application)";
    private static final String PROBE_RULE = "- rule: Probe\n  desc: cluster test probe\n"
            + "  condition: ct.name = TrailhawkProbe\n  output: probe %ct.id\n  priority: WARNING\n";

    @Test
    void killedTaskManager_restartedBroker_andPushesDuringRecovery_loseAndDuplicateNoAlert(@TempDir Path dir)
            throws Exception {
        Path jar = Path.of(System.getProperty("trailhawk.job.jar"));
        assertThat(jar).as("the packaged job jar; build the job module first").exists();
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("probe.yaml"), PROBE_RULE);
        String brokerClasspath = Files.readString(Path.of("target", "broker-classpath.txt")).trim();
        String flinkClasspath = Files.readString(Path.of("target", "flink-classpath.txt")).trim();
        assertThat(flinkClasspath).as("a Flink distribution's classpath: no job classes, no Kafka connector")
                .doesNotContain("trailhawk").doesNotContain("flink-connector-kafka").doesNotContain("kafka-clients");

        try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")), brokerClasspath);
                FlinkCluster flink = FlinkCluster.configure(Files.createDirectories(dir.resolve("flink")),
                        Path.of(System.getProperty("trailhawk.flink.conf")), flinkClasspath,
                        System.getProperty("trailhawk.flink.opens"), Map.of())) {
            kafka.createTopic("events", 2, Map.of());
            kafka.createTopic("control", 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic("status", 1, Map.of());
            kafka.createTopic("alerts", 2, Map.of());
            kafka.createTopic("dlq", 1, Map.of());
            flink.startJobManager();
            JavaProcess firstTaskManager = flink.startTaskManager();
            String job = flink.submit(jar, List.of("--kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "--source.kafka.topics", "events", "--source.kafka.group-id", "trailhawk-cluster",
                    "--topic.control", "control", "--topic.status", "status", "--topic.alerts", "alerts",
                    "--topic.dlq", "dlq", "--rules.bootstrap", rules.toString(),
                    "--sink.transactional-id-prefix", "trailhawk-cluster"), 2);
            flink.awaitRunning(job, WAIT);
            JsonNode checkpoints = flink.get("/jobs/" + job + "/checkpoints/config");
            assertThat(checkpoints.path("interval").asLong()).as("the cluster's checkpoint interval stands")
                    .isEqualTo(GlobalConfiguration.loadConfiguration(System.getProperty("trailhawk.flink.conf"))
                            .get(CheckpointingOptions.CHECKPOINTING_INTERVAL).toMillis());

            try (ProbeTraffic traffic = new ProbeTraffic(kafka.bootstrapServers(), "events", "alerts", 100);
                    RulePublisher push = new RulePublisher(kafka.bootstrapServers(), new Properties(), "control",
                            "status", null)) {
                // The control records that once overflowed the compiler's stack and put the job in a restart loop.
                String rule = "- rule: R\n  desc: d\n  output: o\n  priority: INFO\n  condition: ";
                assertThat(push.publish("deep.yaml", "- rule: R\n  tags: " + "[".repeat(10_000) + "]".repeat(10_000)
                        + "\n", WAIT).errors()).singleElement().asString().contains("YAML nests deeper than");
                assertThat(push.publish("nots.yaml", rule + "not ".repeat(10_000) + "ct.name = x\n", WAIT)
                        .activated()).as("chained nots parse flat, as in Falco").isTrue();
                assertThat(push.publish("nots.yaml", null, WAIT).activated()).isTrue();
                assertThat(flink.get("/jobs/" + job + "/metrics?get=numRestarts").get(0).path("value").asText())
                        .as("restarts after the hostile records").isEqualTo("0");
                long[] pushNanos = new long[5];
                for (int i = 0; i < pushNanos.length; i++) {
                    long t = System.nanoTime();
                    assertThat(push.publish("timed.yaml", PROBE_RULE.replace("rule: Probe", "rule: Timed " + i)
                            .replace("TrailhawkProbe", "TrailhawkTimed"), WAIT).activated()).isTrue();
                    pushNanos[i] = System.nanoTime() - t;
                }
                java.util.Arrays.sort(pushNanos);
                long pushMedian = pushNanos[pushNanos.length / 2];
                traffic.startSending();
                awaitAlerts(traffic, 200);

                long kill = System.nanoTime();
                firstTaskManager.kill();
                CompletableFuture<StatusRecord> pushDuringRecovery = CompletableFuture.supplyAsync(() -> {
                    try {
                        return push.publish("zz-pushed.yaml", "- rule: Pushed probe\n  desc: pushed in recovery\n"
                                + "  condition: ct.name = TrailhawkPushed\n  output: pushed %ct.id\n"
                                + "  priority: WARNING\n", WAIT);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                flink.startTaskManager();
                long taskManagerRecovery = awaitNewAlert(traffic, kill);

                Thread.sleep(3000);
                long brokerStop = System.nanoTime();
                kafka.stopProcess();
                kafka.startProcess();
                long brokerRecovery = awaitNewAlert(traffic, brokerStop);
                Thread.sleep(3000);
                traffic.stopSending();

                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!traffic.alertCounts.keySet().containsAll(traffic.sent.keySet())
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2000);
                List<String> lost = new ArrayList<>(traffic.sent.keySet());
                lost.removeAll(traffic.alertCounts.keySet());
                Map<String, Integer> duplicated = new HashMap<>();
                traffic.alertCounts.forEach((id, n) -> {
                    if (n.get() != 1) {
                        duplicated.put(id, n.get());
                    }
                });
                String report = String.format("%d probes, %d alerts read; recovery from the TaskManager kill to the "
                        + "first new alert: %.1f s; from the broker stop (restart included): %.1f s; a push on the idle "
                        + "job, from send to its status (median of 5): %d ms", traffic.sent.size(), traffic.alertsRead(),
                        taskManagerRecovery / 1e9, brokerRecovery / 1e9, pushMedian / 1_000_000);
                System.out.println(report);
                Files.writeString(Path.of("target", "cluster-faults.txt"), report + "\n");
                assertThat(traffic.sendFailures).as("probes the broker refused").isEmpty();
                assertThat(traffic.sent).hasSizeGreaterThan(1000);
                assertThat(lost).as("probes without an alert").isEmpty();
                assertThat(duplicated).as("probes alerted more than once").isEmpty();

                StatusRecord pushed = pushDuringRecovery.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(pushed.activated()).as("the push made while the job recovered: %s", pushed.json()).isTrue();
            }
            flink.cancel(job);
            Map<String, String> logs = flink.logs();
            Path kept = Files.createDirectories(Path.of("target", "cluster-logs"));
            for (Map.Entry<String, String> e : logs.entrySet()) {
                Files.writeString(kept.resolve(e.getKey() + ".log"), e.getValue());
            }
            List<String> classLoading = new ArrayList<>();
            logs.forEach((process, log) -> log.lines()
                    .filter(l -> CLASS_LOADING.matcher(l).find() && !l.contains(BENIGN_HADOOP_PROBE))
                    .forEach(l -> classLoading.add(process + ": " + l)));
            assertThat(classLoading).as("class-loading errors in the cluster's logs").isEmpty();
        }
    }

    private static void awaitAlerts(ProbeTraffic traffic, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (traffic.alertsRead() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(traffic.alertsRead()).as("alerts before any fault").isGreaterThanOrEqualTo(n);
    }

    /** Nanoseconds from {@code since} to the first alert of a probe written after it. */
    private static long awaitNewAlert(ProbeTraffic traffic, long since) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Long at = traffic.firstNewAlertAfter(since);
        while (at == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            at = traffic.firstNewAlertAfter(since);
        }
        assertThat(at).as("an alert of a probe written after the fault").isNotNull();
        return at - since;
    }
}
