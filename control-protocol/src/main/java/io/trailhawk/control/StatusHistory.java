package io.trailhawk.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The job's kept ruleset versions, as its latest status record with a {@code history} reports them: read from the
 * status topic's end backwards, a widening window at a time, so that a long topic is not read whole.
 */
public final class StatusHistory {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long FIRST_WINDOW = 256;

    private StatusHistory() {
    }

    /** The latest status record that carries the history, or empty when the topic holds none. */
    public static Optional<StatusRecord> latest(String bootstrapServers, Properties clientProperties,
            String statusTopic, Duration timeout) throws IOException {
        Properties c = new Properties();
        c.putAll(clientProperties);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(statusTopic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IOException("status topic " + statusTopic + " does not exist");
            }
            // The job writes status records from one subtask, so one partition's latest record is the latest.
            StatusRecord best = null;
            for (PartitionInfo info : infos) {
                TopicPartition p = new TopicPartition(statusTopic, info.partition());
                StatusRecord found = latestIn(consumer, p, timeout);
                if (found != null && (best == null || found.version() > best.version())) {
                    best = found;
                }
            }
            return Optional.ofNullable(best);
        }
    }

    private static StatusRecord latestIn(KafkaConsumer<byte[], byte[]> consumer, TopicPartition p, Duration timeout)
            throws IOException {
        consumer.assign(List.of(p));
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(List.of(p), timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(List.of(p), timeout);
        long first = begin.get(p);
        long last = end.get(p);
        long window = FIRST_WINDOW;
        long from = last;
        while (from > first) {
            long start = Math.max(first, last - window);
            StatusRecord found = latestBetween(consumer, p, start, from, timeout);
            if (found != null) {
                return found;
            }
            from = start;
            window *= 4;
        }
        return null;
    }

    /** The last record with a history at offsets {@code [start, stop)}. */
    private static StatusRecord latestBetween(KafkaConsumer<byte[], byte[]> consumer, TopicPartition p, long start,
            long stop, Duration timeout) throws IOException {
        consumer.seek(p, start);
        StatusRecord found = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(p) < stop && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() >= stop || r.value() == null) {
                    continue;
                }
                StatusRecord s = new StatusRecord(MAPPER.readTree(r.value()));
                if (s.json().path("history").isArray()) {
                    found = s;
                }
            }
        }
        return found;
    }
}
