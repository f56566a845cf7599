package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.atLeast;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.job.detect.BootstrapRules;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.JobRunner;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.cloudtrail.input.RecordCollector;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.RulesFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invictus CloudTrail log files through the file source and the bundled ruleset: the job raises exactly the
 * alerts that evaluating the same files directly raises.
 */
class FileSourceITCase {
    private static final Path SAMPLES = Path.of("..", "samples", "invictus-aws-2023", "CloudTrail");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path logs;

    @Test
    void cloudTrailLogFiles_plainAndGzip_matchDirectEvaluation() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            files = s.sorted().collect(Collectors.toList());
        }
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            Path day = Files.createDirectories(logs.resolve("AWSLogs/123/CloudTrail/us-east-1/2023/07/" + (i % 3)));
            if (i % 2 == 0) {
                Files.write(day.resolve(f.getFileName() + ".gz"),
                        Events.gzip(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)));
            } else {
                Files.copy(f, day.resolve(f.getFileName()));
            }
        }
        List<String> expected = expectedAlerts(files);
        assertThat(expected).hasSizeGreaterThan(30);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(); JobRunner flink = JobRunner.start(4)) {
            EmbeddedKafka.Topics t = kafka.createTopics(1);
            Map<String, String> c = new HashMap<>();
            c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            c.put("source.files.paths", logs.toString());
            c.put("topic.control", t.control);
            c.put("topic.status", t.status);
            c.put("topic.alerts", t.alerts);
            c.put("topic.dlq", t.dlq);
            c.put("checkpoint.interval", "500ms");
            c.put("parallelism", "2");
            c.put("sink.transactional-id-prefix", "tx-files");
            JobID job = flink.submit(c);
            List<String> alerts = kafka.readUntil(t.alerts, Duration.ofSeconds(120), atLeast(expected.size()));
            Thread.sleep(1500);
            alerts = kafka.readUntil(t.alerts, Duration.ofSeconds(3), atLeast(Integer.MAX_VALUE));
            List<String> actual = new ArrayList<>();
            for (String a : alerts) {
                JsonNode j = MAPPER.readTree(a);
                // Stateful rules' alerts depend on arrival order within the watermark; StatefulRulesITCase has them.
                if (!j.get("trailhawk").has("kind")) {
                    actual.add(j.get("rule").asText() + " " + j.get("trailhawk").get("event_id").asText());
                }
            }
            actual.sort(null);
            assertThat(actual).isEqualTo(expected);
            flink.cancel(job);
        }
    }

    private static List<String> expectedAlerts(List<Path> files) throws Exception {
        Map<String, String> bundled = BootstrapRules.load("bundled");
        List<RulesFile> rules = new ArrayList<>();
        bundled.forEach((n, y) -> rules.add(RulesFile.of(n, y)));
        CompiledRuleset r = RuleCompiler.builder().build().compile(rules);
        List<String> out = new ArrayList<>();
        RecordCollector decoded = RecordCollector.fromFiles(files);
        assertThat(decoded.malformed()).isEmpty();
        for (JsonNode record : decoded.records()) {
            for (Alert a : r.evaluate(CloudTrailEvent.of(record, 1))) {
                if (a.stateful().isEmpty()) {
                    out.add(a.rule() + " " + a.eventId());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
