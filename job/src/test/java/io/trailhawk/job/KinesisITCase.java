package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.atLeast;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.JobRunner;
import io.trailhawk.job.testing.KinesisLocal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

/** CloudTrail from a real Kinesis API (kinesis-local) in the three shapes AWS delivers it. */
class KinesisITCase {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void kinesisRecords_rawEventBridgeAndCloudWatchLogs_produceAlerts() throws Exception {
        try (KinesisLocal kinesis = KinesisLocal.start("cloudtrail:2");
                EmbeddedKafka kafka = EmbeddedKafka.start();
                JobRunner flink = JobRunner.start(4)) {
            EmbeddedKafka.Topics t = kafka.createTopics(1);
            Map<String, String> c = new HashMap<>();
            c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            c.put("source.kinesis.streams", "cloudtrail");
            c.put("source.kinesis.endpoint", KinesisLocal.ENDPOINT);
            c.put("source.kinesis.region", "us-east-1");
            c.put("source.kinesis.initial-position", "TRIM_HORIZON");
            c.put("source.kinesis.properties.aws.credentials.provider", "BASIC");
            c.put("source.kinesis.properties.aws.credentials.provider.basic.accesskeyid", "000000000000");
            c.put("source.kinesis.properties.aws.credentials.provider.basic.secretkey", "secret");
            c.put("source.kinesis.properties.flink.shard.discovery.intervalmillis", "1000");
            c.put("topic.control", t.control);
            c.put("topic.status", t.status);
            c.put("topic.alerts", t.alerts);
            c.put("topic.dlq", t.dlq);
            c.put("rules.bootstrap", Path.of("src/test/resources/rules").toAbsolutePath().toString());
            c.put("checkpoint.interval", "500ms");
            c.put("parallelism", "2");
            c.put("sink.transactional-id-prefix", "tx-kinesis");
            JobID job = flink.submit(c);

            kinesis.put("cloudtrail", "a", Events.record("StopLogging", "k-raw").getBytes(StandardCharsets.UTF_8));
            kinesis.put("cloudtrail", "b", Events.eventBridge(Events.record("StopLogging", "k-eventbridge"))
                    .getBytes(StandardCharsets.UTF_8));
            kinesis.put("cloudtrail", "c", Events.cloudWatchLogs(Events.record("StopLogging", "k-logs-1"),
                    Events.record("StopLogging", "k-logs-2")));
            kinesis.put("cloudtrail", "d", "not json at all".getBytes(StandardCharsets.UTF_8));

            List<String> alerts = kafka.readUntil(t.alerts, Duration.ofSeconds(120), atLeast(4));
            List<String> ids = alerts.stream().map(a -> {
                try {
                    return MAPPER.readTree(a).get("trailhawk").get("event_id").asText();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).sorted().collect(Collectors.toList());
            assertThat(ids).containsExactly("k-eventbridge", "k-logs-1", "k-logs-2", "k-raw");
            List<String> dead = kafka.readUntil(t.dlq, Duration.ofSeconds(60), atLeast(1));
            assertThat(MAPPER.readTree(dead.get(0)).get("source").asText()).startsWith("kinesis:cloudtrail/shardId-");
            flink.cancel(job);
        }
    }
}
