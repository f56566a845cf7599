package io.trailhawk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.control.ControlTopics;
import io.trailhawk.cloudtrail.input.RecordCollector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes CloudTrail records from files onto the event topic, one Kafka record per CloudTrail record. */
final class EventReplayer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventReplayer() {
    }

    /** Replays every record under {@code paths}; returns how many were written. */
    static long replay(String bootstrap, List<Path> paths, PrintStream progress) throws IOException {
        RecordCollector decoded = RecordCollector.fromFiles(paths);
        decoded.malformed().forEach(m -> progress.println("replay: skipping " + m));
        List<JsonNode> records = decoded.records();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long sent = 0;
        boolean terminal = System.console() != null;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (JsonNode r : records) {
                byte[] key = r.path("eventID").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(ControlTopics.EVENTS, key, MAPPER.writeValueAsBytes(r)));
                sent++;
                boolean step = terminal ? sent % 100 == 0 : sent % Math.max(1, records.size() / 4) == 0;
                if (step || sent == records.size()) {
                    progress.printf(terminal ? "\rreplay: %d/%d events sent to %s" : "replay: %d/%d events sent to %s%n",
                            sent, records.size(), ControlTopics.EVENTS);
                }
            }
            producer.flush();
        }
        if (terminal) {
            progress.println();
        }
        return sent;
    }
}
