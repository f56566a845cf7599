package io.trailhawk.job.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The job's configuration for a test: its own topics on the test broker, the test rules, fast checkpoints. */
public final class TestJobs {
    private TestJobs() {
    }

    public static Map<String, String> config(EmbeddedKafka kafka, EmbeddedKafka.Topics t) {
        Map<String, String> c = new HashMap<>();
        c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        c.put("source.kafka.topics", t.events);
        c.put("source.kafka.group-id", "g-" + t.events);
        c.put("topic.control", t.control);
        c.put("topic.status", t.status);
        c.put("topic.alerts", t.alerts);
        c.put("topic.dlq", t.dlq);
        c.put("topic.shadow-alerts", t.shadowAlerts);
        c.put("rules.bootstrap", Path.of("src/test/resources/rules").toAbsolutePath().toString());
        c.put("checkpoint.interval", "500ms");
        c.put("parallelism", "2");
        c.put("sink.transactional-id-prefix", "tx-" + t.alerts);
        return c;
    }
}
