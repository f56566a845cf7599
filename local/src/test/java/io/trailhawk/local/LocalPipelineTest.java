package io.trailhawk.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/trailhawk local, in process: replay, alerts, and rule changes saved while it runs. */
class LocalPipelineTest {
    private static final Path RULES = Path.of("..", "rules");
    private static final Path SAMPLES = Path.of("..", "samples", "invictus-aws-2023", "CloudTrail");

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path copyRules() throws Exception {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        try (Stream<Path> s = Files.list(RULES)) {
            for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".yaml"))::iterator) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        return rules;
    }

    private static void await(Supplier<String> text, String needle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text.get().contains(needle)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("did not see '" + needle + "' within " + timeout + "; output:\n" + text.get());
            }
            Thread.sleep(100);
        }
    }

    @Test
    void exitAfterReplay_printsAlertsAndASummary_andExitsZero() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LocalMain.run(new String[] {"--rules", copyRules().toString(), "--events", SAMPLES.toString(),
            "--kafka-port", Integer.toString(freePort()), "--ui-port", Integer.toString(freePort()),
            "--exit-after-replay"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
        String summary = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(summary).isZero();
        assertThat(summary).contains("summary: 2900 events replayed, 2900 evaluated");
        assertThat(summary).containsPattern("summary: .* [1-9][0-9]* alerts, 0 rule rejections, 0 dead letters");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("CRITICAL").contains("Lambda Function Code Updated: ");
    }

    @Test
    void withFormatOcsf_theJobWritesDetectionFindings_andLocalPrintsThemAsTheyAre() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LocalMain.run(new String[] {"--rules", copyRules().toString(), "--events", SAMPLES.toString(),
            "--kafka-port", Integer.toString(freePort()), "--ui-port", Integer.toString(freePort()),
            "--format", "ocsf", "--exit-after-replay"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long findings = 0;
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                com.fasterxml.jackson.databind.JsonNode f = json.readTree(line);
                assertThat(f.path("class_uid").asInt()).isEqualTo(2004);
                assertThat(f.path("metadata").path("product").path("version").asText()).isNotEmpty();
                findings++;
            }
        }
        assertThat(findings).isPositive();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("summary: 2900 events replayed");
    }

    @Test
    void savedRuleChanges_areActivatedOrRejected_andOldRulesKeepWorking() throws Exception {
        Path rules = copyRules();
        Path events = Files.createDirectory(dir.resolve("events"));
        Files.writeString(events.resolve("one.json"), stopLogging("s-0"));
        int kafkaPort = freePort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Supplier<String> text = () -> out.toString(StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        Future<Integer> run = exec.submit(() -> LocalMain.run(new String[] {"--rules", rules.toString(), "--events",
            events.toString(), "--kafka-port", Integer.toString(kafkaPort), "--ui-port", Integer.toString(freePort()),
            "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stop));
        try {
            await(() -> err.toString(StandardCharsets.UTF_8), "replay done", Duration.ofSeconds(120));
            Files.writeString(rules.resolve("zz-canary.yaml"), "- rule: Local Canary\n  desc: d\n"
                    + "  condition: ct.name = TrailhawkLocalCanary\n  output: canary %ct.id\n  priority: NOTICE\n");
            await(text, "rules: zz-canary.yaml activated version 1", Duration.ofSeconds(30));
            await(text, "\n  + Local Canary", Duration.ofSeconds(5));
            Files.writeString(rules.resolve("zz-broken.yaml"), "- rule: Broken\n  desc: d\n"
                    + "  condition: ct.name = X and ct.bogus exists\n  output: o\n  priority: INFO\n");
            await(text, "rules: zz-broken.yaml rejected; version 1 stays active", Duration.ofSeconds(30));
            await(text, "zz-broken.yaml:3:30: error: rule 'Broken': filter_check called with nonexistent field ct.bogus",
                    Duration.ofSeconds(5));
            Properties p = new Properties();
            p.put("bootstrap.servers", "127.0.0.1:" + kafkaPort);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("cloudtrail-events", "k", canary("c-1"))).get();
            }
            await(text, "canary c-1", Duration.ofSeconds(30));
            Files.delete(rules.resolve("zz-canary.yaml"));
            await(text, "rules: zz-canary.yaml activated version 2", Duration.ofSeconds(30));
            await(text, "\n  - Local Canary", Duration.ofSeconds(5));
            // One key keeps both records in one partition, in order: once the second alerts, the first was seen.
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("cloudtrail-events", "k", canary("c-2"))).get();
                producer.send(new ProducerRecord<>("cloudtrail-events", "k", stopLogging("s-2"))).get();
            }
            await(text, "\"event_id\":\"s-2\"", Duration.ofSeconds(30));
            assertThat(text.get()).doesNotContain("canary c-2");

            // bin/trailhawk push and topics against the same running job.
            String bootstrap = "127.0.0.1:" + kafkaPort;
            Path pushed = Files.writeString(dir.resolve("pushed.yaml"), "- list: disallowed_aws_regions\n"
                    + "  items: [us-west-2]\n  override:\n    items: append\n");
            assertThat(cli("topics", "--bootstrap-servers", bootstrap)).isEqualTo("0|all topics exist\n");
            assertThat(cli("push", "--bootstrap-servers", bootstrap, "--rules", pushed.toString()))
                    .startsWith("0|pushed.yaml: activated version 3 (");
            Path bad = Files.writeString(dir.resolve("bad.yaml"), "- rule: x\n");
            assertThat(cli("push", "--bootstrap-servers", bootstrap, "--rules", bad.toString()))
                    .startsWith("1|bad.yaml: rejected; version 3 stays active\n  bad.yaml:1:3: error: rule 'x'");
            assertThat(cli("push", "--bootstrap-servers", bootstrap, "--delete", "pushed.yaml"))
                    .startsWith("0|pushed.yaml: activated version 4 (");

            // The rule lifecycle: a file in shadow, its promotion, a selection, the history and a rollback.
            Path staged = Files.writeString(dir.resolve("staged.yaml"), "- rule: Staged Local\n  desc: d\n"
                    + "  condition: ct.name = TrailhawkLocalCanary\n  output: staged %ct.id\n  priority: NOTICE\n");
            assertThat(cli("push", "--bootstrap-servers", bootstrap, "--rules", staged.toString(), "--shadow"))
                    .startsWith("0|staged.yaml: activated version 5 (").contains(", 1 in shadow)\n")
                    .contains("  + Staged Local\n");
            assertThat(cli("push", "--bootstrap-servers", bootstrap, "--promote", "Staged Local"))
                    .startsWith("0|promotion/Staged Local: activated version 6 (").contains("  ~ Staged Local\n");
            Path selection = Files.writeString(dir.resolve("quiet.yaml"), "- disable:\n    rule: Nothing *\n");
            assertThat(cli("push", "--bootstrap-servers", bootstrap, "--selection", selection.toString()))
                    .startsWith("0|selection/quiet.yaml: activated version 7 (")
                    .contains("  selection/quiet.yaml:1:3: warning: this selection entry (disable rule 'Nothing *') "
                            + "picks no rule");
            assertThat(cli("history", "--bootstrap-servers", bootstrap))
                    .startsWith("0|     7  ").contains("  selection put quiet.yaml  sha256 ").contains("  (active)\n")
                    .contains("\n     5  ").contains("  shadow staged.yaml  sha256 ");
            assertThat(cli("rollback", "4", "--bootstrap-servers", bootstrap))
                    .startsWith("0|rollback to version 4: activated version 8 (")
                    .contains("  - Staged Local\n")
                    .contains("promotion/Staged Local: activated version 8 (unchanged)\n")
                    .contains("selection/quiet.yaml: activated version 8 (unchanged)\n")
                    .contains("staged.yaml: activated version 8 (unchanged)\n");
            assertThat(cli("rollback", "99", "--bootstrap-servers", bootstrap))
                    .startsWith("1|");
        } finally {
            stop.countDown();
            assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
            exec.shutdownNow();
        }
    }

    /** Runs bin/trailhawk's Java side; returns "STATUS|STDOUT". */
    private static String cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int status = io.trailhawk.cli.Main.run(java.util.Arrays.asList(args),
                new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return status + "|" + o.toString(StandardCharsets.UTF_8);
    }

    private static String stopLogging(String id) {
        return "{\"eventTime\":\"2023-07-10T12:00:00Z\",\"eventType\":\"AwsApiCall\",\"eventName\":\"StopLogging\","
                + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventID\":\"" + id + "\",\"awsRegion\":\"us-east-1\","
                + "\"requestParameters\":{\"name\":\"main\"},\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"u\"}}";
    }

    private static String canary(String id) {
        return "{\"eventTime\":\"2023-07-10T12:00:00Z\",\"eventType\":\"AwsApiCall\",\"eventName\":"
                + "\"TrailhawkLocalCanary\",\"eventID\":\"" + id + "\",\"awsRegion\":\"us-east-1\",\"userIdentity\":"
                + "{\"type\":\"IAMUser\",\"userName\":\"u\"}}";
    }
}
