package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.any;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.job.testing.BrokerAndCluster;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.Statuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints written by earlier releases restore into this build (src/test/resources/savepoints/README.md): the
 * pushed rule files, the ruleset version, and a threshold's keyed state, so that an upgrade loses no detection.
 */
class SavepointCompatibilityITCase {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path SAVEPOINTS = Path.of("src/test/resources/savepoints");
    private static final String RELEASE = "0.1.0";
    /** Keyed state expires this long after it was written (StatefulDetector's backstop TTL). */
    private static final Duration KEYED_STATE_LIFE = Duration.ofDays(367);
    private static final String PUSHED = "- rule: Pushed\n  desc: pushed before the savepoint\n"
            + "  condition: ct.name = TrailhawkPushed\n  output: pushed %ct.id\n  priority: WARNING\n";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final BrokerAndCluster ENV = new BrokerAndCluster();

    /** The topics every savepoint here was written with, so that its source state names topics that exist. */
    private static Map<String, String> config(String prefix) throws Exception {
        for (String t : List.of("events", "status", "alerts", "dlq")) {
            ENV.kafka().createTopic(prefix + t, 2, false);
        }
        ENV.kafka().createTopic(prefix + "control", 1, true);
        Map<String, String> c = new HashMap<>();
        c.put("kafka.bootstrap-servers", ENV.kafka().bootstrapServers());
        c.put("source.kafka.topics", prefix + "events");
        c.put("source.kafka.group-id", prefix + "trailhawk");
        c.put("topic.control", prefix + "control");
        c.put("topic.status", prefix + "status");
        c.put("topic.alerts", prefix + "alerts");
        c.put("topic.dlq", prefix + "dlq");
        c.put("rules.bootstrap", SAVEPOINTS.resolve("bootstrap.yaml").toAbsolutePath().toString());
        // No transactions: a savepoint's pending transactions would name producers this broker never knew.
        c.put("sink.delivery-guarantee", "at-least-once");
        c.put("checkpoint.interval", "500ms");
        c.put("parallelism", "2");
        return c;
    }

    private static String counted(String id, String user, String time) {
        return Events.recordAt("TrailhawkCounted", id, user, time);
    }

    @Test
    void theSavepointOfRelease010_restoresItsRuleFilesVersionAndKeyedState() throws Exception {
        Path savepoint = SAVEPOINTS.resolve(RELEASE);
        assertThat(savepoint.resolve("_metadata")).exists();
        Map<String, String> c = config("sp-");
        JobID job = ENV.flink().submit(c, savepoint.toAbsolutePath().toUri().toString());
        JsonNode start = Statuses.ofStarts(ENV.kafka(), "sp-status", WAIT, 1).get(0);
        assertThat(start.get("trigger").get("restored").asBoolean()).isTrue();
        assertThat(start.get("version").asLong()).as("the ruleset version carried").isEqualTo(1);
        assertThat(start.get("files").toString()).contains("zz-pushed.yaml");

        ENV.kafka().send("sp-events", "k", Events.record("TrailhawkPushed", "pushed-1"));
        List<String> alerts = ENV.kafka().readUntil("sp-alerts", WAIT, any(a -> a.contains("pushed pushed-1")));
        assertThat(alerts).anyMatch(a -> a.contains("pushed pushed-1"));

        Instant written = Instant.parse(Files.readString(savepoint.resolve("written")).trim());
        assumeTrue(written.plus(KEYED_STATE_LIFE).isAfter(Instant.now()), "the savepoint of " + RELEASE
                + " was written " + written + ": its keyed state has expired; write a new one (see the README)");
        ENV.kafka().send("sp-events", "k", counted("a-3", "alice", "2023-07-10T12:10:00Z"));
        alerts = ENV.kafka().readUntil("sp-alerts", WAIT, any(a -> a.contains("burst by")));
        JsonNode burst = MAPPER.readTree(alerts.stream().filter(a -> a.contains("burst by")).findFirst().get());
        assertThat(burst.get("trailhawk").get("event_ids").toString())
                .as("two counted calls from before the savepoint").isEqualTo("[\"a-1\",\"a-2\",\"a-3\"]");
        ENV.flink().cancel(job);
    }

    /** Writes this release's savepoint for the test above: {@code -Dsavepoint.write=VERSION}. */
    @Test
    @EnabledIfSystemProperty(named = "savepoint.write", matches = ".+")
    void writesTheSavepointOfThisRelease(@TempDir Path dir) throws Exception {
        Map<String, String> c = config("sp-");
        JobID job = ENV.flink().submit(c);
        try (RulePublisher push = new RulePublisher(ENV.kafka().bootstrapServers(), new Properties(), "sp-control",
                "sp-status", null)) {
            assertThat(push.publish("zz-pushed.yaml", PUSHED, WAIT).activated()).isTrue();
        }
        ENV.kafka().send("sp-events", "k", counted("a-1", "alice", "2023-07-10T12:00:00Z"));
        ENV.kafka().send("sp-events", "k", counted("a-2", "alice", "2023-07-10T12:05:00Z"));
        ENV.kafka().send("sp-events", "k", Events.record("TrailhawkCanary", "sync"));
        Thread.sleep(3000);
        Path written = Path.of(ENV.flink().stopWithSavepoint(job, dir).replaceFirst("^file:", ""));
        Path target = SAVEPOINTS.resolve(System.getProperty("savepoint.write"));
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(written)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(target.resolve("written"), Instant.now() + "\n");
    }
}
