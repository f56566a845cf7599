package io.trailhawk.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.formats.AlertFormats;
import io.trailhawk.formats.SchemaFacts;
import io.trailhawk.job.sink.KafkaSinks;
import io.trailhawk.job.testing.BrokerAndCluster;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alert routes in a running job: each alert once on every route it passes, in that route's format, with the same
 * stable id in the headers of each, while topic.alerts keeps Falco JSON.
 */
class AlertRoutesITCase {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "- rule: Loud Canary\n  desc: d\n  condition: ct.name = TrailhawkCanary\n"
            + "  output: loud %ct.id\n  priority: CRITICAL\n  tags: [canary, MITRE_TA0005_defense_evasion, T1562]\n"
            + "- rule: Quiet Canary\n  desc: d\n  condition: ct.name = TrailhawkCanary\n  output: quiet %ct.id\n"
            + "  priority: NOTICE\n  tags: [canary]\n";

    @RegisterExtension
    static final BrokerAndCluster ENV = new BrokerAndCluster();

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int n) {
        return ENV.kafka().records(topic, WAIT, r -> r.size() >= n);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void eachAlertGoesOnceToEveryRouteItPasses_inThatRoutesFormat_withOneIdAcrossThem() throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        ENV.kafka().createTopic(t.alerts + "-siem", 1, false);
        ENV.kafka().createTopic(t.alerts + "-hub", 1, false);
        Map<String, String> c = TestJobs.config(ENV.kafka(), t);
        c.put("alerts.routes", "siem,hub");
        c.put("alerts.route.siem.topic", t.alerts + "-siem");
        c.put("alerts.route.siem.format", "ocsf");
        c.put("alerts.route.siem.min-priority", "error");
        c.put("alerts.route.hub.topic", t.alerts + "-hub");
        c.put("alerts.route.hub.format", "asff");
        c.put("alerts.route.hub.rules", "Quiet Canary");
        JobID job = ENV.flink().submit(c);
        ENV.kafka().send(t.control, "zz-canary.yaml", RULES);
        Thread.sleep(2000);
        ENV.kafka().send(t.events, "k", Events.recordAt("TrailhawkCanary", "c-1", "u", "2023-07-10T12:00:00Z"));

        List<ConsumerRecord<byte[], byte[]>> all = read(t.alerts, 2);
        List<ConsumerRecord<byte[], byte[]>> siem = read(t.alerts + "-siem", 1);
        List<ConsumerRecord<byte[], byte[]>> hub = read(t.alerts + "-hub", 1);
        assertThat(ENV.kafka().records(t.alerts + "-siem", Duration.ofSeconds(3), r -> false))
                .as("the notice passes no filter of siem").hasSize(1);
        assertThat(all).hasSize(2);
        JsonNode finding = JSON.readTree(siem.get(0).value());
        assertThat(finding.path("finding_info").path("title").asText()).isEqualTo("Loud Canary");
        assertThat(SchemaFacts.of(AlertFormats.OCSF).problems(finding)).isEmpty();
        JsonNode asff = JSON.readTree(hub.get(0).value());
        assertThat(asff.path("Title").asText()).isEqualTo("Quiet Canary");
        assertThat(SchemaFacts.of(AlertFormats.ASFF).problems(asff)).isEmpty();

        ConsumerRecord<byte[], byte[]> loud = all.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8)
                .contains("\"rule\":\"Loud Canary\"")).findFirst().orElseThrow();
        assertThat(header(loud, KafkaSinks.ALERT_ID_HEADER)).isEqualTo(header(siem.get(0), KafkaSinks.ALERT_ID_HEADER))
                .isEqualTo(finding.path("finding_info").path("uid").asText()).hasSize(32);
        assertThat(header(loud, KafkaSinks.RULESET_VERSION_HEADER)).isEqualTo("1");
        assertThat(JSON.readTree(loud.value()).path("trailhawk").path("ruleset_version").asLong()).isEqualTo(1);
        ENV.flink().cancel(job);
    }
}
