package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.any;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.control.ControlRecord.Action;
import io.trailhawk.control.DocumentKind;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.control.SigningKey;
import io.trailhawk.control.StatusHistory;
import io.trailhawk.control.StatusRecord;
import io.trailhawk.job.testing.BrokerAndCluster;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule lifecycle through the control topic, in a running job: a file in shadow, its alerts on the shadow
 * topic only, promotion, a selection, the hourly shadow report, and a rollback after a restore from a savepoint
 * at another parallelism, whose subtasks each take the history from broadcast state.
 */
class RuleLifecycleITCase {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final BrokerAndCluster ENV = new BrokerAndCluster();

    private static String canaryRule(String name) {
        return "- rule: " + name + "\n  desc: d\n  condition: ct.name = TrailhawkCanary\n  output: " + name
                + " %ct.id\n  priority: WARNING\n  tags: [canary]\n";
    }

    private static StatusRecord publish(RulePublisher p, DocumentKind kind, Action action, String name, String text)
            throws Exception {
        StatusRecord s = p.publish(kind, action, name, text == null ? null : text.getBytes(StandardCharsets.UTF_8),
                WAIT);
        assertThat(s.activated()).as("%s", s.json()).isTrue();
        return s;
    }

    @Test
    void shadowAlertsStayOffTheAlertTopic_untilPromoted_andARollbackAfterARescaledRestore_bringsAVersionBack(
            @TempDir Path dir) throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        Map<String, String> c = TestJobs.config(ENV.kafka(), t);
        c.put("rules.signing-key", "s3cret");
        c.put("rules.shadow.report-window", "1min");
        c.put("watermark.idleness", "1s");
        c.put("watermark.out-of-orderness", "1s");
        SigningKey key = SigningKey.hmac("default", "s3cret");
        JobID job = ENV.flink().submit(c);
        StatusRecord v1;
        try (RulePublisher p = new RulePublisher(ENV.kafka().bootstrapServers(), new Properties(), t.control,
                t.status, key)) {
            v1 = publish(p, DocumentKind.RULES, Action.PUT, "canary.yaml", canaryRule("Live Canary"));
            StatusRecord staged = publish(p, DocumentKind.RULES, Action.SHADOW, "staged.yaml",
                    canaryRule("Staged Canary"));
            assertThat(staged.shadowRules()).containsExactly("Staged Canary");

            ENV.kafka().send(t.events, "k", Events.recordAt("TrailhawkCanary", "c-1", "u", "2023-07-10T12:00:00Z"));
            List<String> shadow = ENV.kafka().readUntil(t.shadowAlerts, WAIT, any(a -> a.contains("c-1")));
            assertThat(shadow).singleElement().asString().startsWith("{\"shadow\":true,")
                    .contains("\"rule\":\"Staged Canary\"");

            StatusRecord promoted = publish(p, DocumentKind.PROMOTION, Action.PUT, "Staged Canary", "");
            assertThat(promoted.changed()).containsExactly("Staged Canary");
            ENV.kafka().send(t.events, "k", Events.recordAt("TrailhawkCanary", "c-2", "u", "2023-07-10T12:03:00Z"));
            List<String> alerts = ENV.kafka().readUntil(t.alerts, WAIT,
                    any(a -> a.contains("Staged Canary c-2")));
            assertThat(alerts).anySatisfy(a -> assertThat(a).contains("Live Canary c-1"))
                    .noneSatisfy(a -> assertThat(a).contains("Staged Canary c-1"))
                    .allSatisfy(a -> assertThat(a).doesNotContain("\"shadow\""));

            List<String> report = ENV.kafka().readUntil(t.status, WAIT,
                    any(s -> s.contains("\"status\":\"shadow\"")));
            assertThat(report).filteredOn(s -> s.contains("\"status\":\"shadow\"")).singleElement().asString()
                    .contains("\"rule\":\"Staged Canary\"").contains("\"window_start\":\"2023-07-10T12:00:00Z\"")
                    .contains("\"alerts\":1");

            StatusRecord quiet = publish(p, DocumentKind.SELECTION, Action.PUT, "quiet.yaml",
                    "- disable:\n    tag: canary\n");
            assertThat(quiet.changed()).containsExactlyInAnyOrder("Live Canary", "Staged Canary");
        }
        String savepoint = ENV.flink().stopWithSavepoint(job, dir);
        c.put("parallelism", "1");
        job = ENV.flink().submit(c, savepoint);

        StatusRecord latest = StatusHistory.latest(ENV.kafka().bootstrapServers(), new Properties(), t.status, WAIT)
                .orElseThrow();
        JsonNode target = latest.history().stream().filter(v -> v.path("version").asLong() == v1.version())
                .findFirst().orElseThrow();
        assertThat(target.path("trigger").path("file").asText()).isEqualTo("canary.yaml");
        try (RulePublisher p = new RulePublisher(ENV.kafka().bootstrapServers(), new Properties(), t.control,
                t.status, key)) {
            StatusRecord back = publish(p, DocumentKind.ROLLBACK, Action.PUT, Long.toString(v1.version()),
                    "{\"file_sha256\":" + target.path("file_sha256") + "}");
            assertThat(back.removed()).containsExactly("Staged Canary");
            assertThat(back.restored()).extracting(r -> r.path("file").asText() + " " + r.path("action").asText())
                    .containsExactly("promotion/Staged Canary delete", "selection/quiet.yaml delete",
                            "staged.yaml delete");
            assertThat(back.json().path("trigger").path("key_id").asText()).isEqualTo("default");
        }
        ENV.kafka().send(t.events, "k", Events.recordAt("TrailhawkCanary", "c-3", "u", "2023-07-10T12:10:00Z"));
        List<String> alerts = ENV.kafka().readUntil(t.alerts, WAIT, any(a -> a.contains("Live Canary c-3")));
        assertThat(alerts).noneSatisfy(a -> assertThat(a).contains("Staged Canary c-3"));
        ENV.flink().cancel(job);
    }
}
