package io.trailhawk.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes rule files on the control topic and waits for the job's verdict on each: the status record whose
 * trigger is the record just written. Each record's sequence number is the time it is sent, in microseconds since
 * the epoch, and always more than the last this publisher sent.
 */
public final class RulePublisher implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String controlTopic;
    private final SigningKey signingKey;
    private long lastSequence;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> status;

    public RulePublisher(String bootstrapServers, Properties clientProperties, String controlTopic,
            String statusTopic, SigningKey signingKey) {
        this.controlTopic = controlTopic;
        this.signingKey = signingKey;
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.putAll(clientProperties);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Assigned partitions, no group: nothing to join, commit or leave, which would cost a coordinator's round trips.
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        status = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        List<PartitionInfo> infos = status.partitionsFor(statusTopic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            close();
            throw new IllegalStateException("status topic " + statusTopic + " does not exist");
        }
        for (PartitionInfo i : infos) {
            parts.add(new TopicPartition(statusTopic, i.partition()));
        }
        status.assign(parts);
        status.seekToEnd(parts);
        // Resolve the end offsets now, so that only statuses written after this point are read.
        parts.forEach(status::position);
    }

    /** Puts a file ({@code yaml} non-null) or deletes it, then waits up to {@code timeout} for its status. */
    public StatusRecord publish(String name, String yaml, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        return publish(DocumentKind.RULES, yaml == null ? ControlRecord.Action.DELETE : ControlRecord.Action.PUT, name,
                yaml == null ? null : yaml.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /**
     * Writes the document {@code name} of {@code kind} ({@code content} is ignored for a delete), then waits up to
     * {@code timeout} for its status.
     */
    public StatusRecord publish(DocumentKind kind, ControlRecord.Action action, String name, byte[] content,
            Duration timeout) throws IOException, TimeoutException, InterruptedException {
        String origin = send(kind, action, name, content);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> s : status.poll(Duration.ofMillis(100))) {
                if (s.value() == null) {
                    continue;
                }
                StatusRecord st = new StatusRecord(MAPPER.readTree(s.value()));
                if (origin.equals(st.origin())) {
                    return st;
                }
            }
        }
        throw new TimeoutException("no status for " + name + " within " + timeout.toSeconds() + "s: is the job "
                + "running and reading " + controlTopic + "?");
    }

    /** Puts or deletes a file without waiting; returns the record's origin, which its status will name. */
    public String send(String name, String yaml) throws IOException, InterruptedException {
        return send(DocumentKind.RULES, yaml == null ? ControlRecord.Action.DELETE : ControlRecord.Action.PUT, name,
                yaml == null ? null : yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a document without waiting; returns the record's origin, which its status will name. */
    public String send(DocumentKind kind, ControlRecord.Action action, String name, byte[] content)
            throws IOException, InterruptedException {
        String key = kind.key(name);
        String badName = ControlRecordCheck.keyProblem(key.getBytes(StandardCharsets.UTF_8));
        if (badName != null) {
            throw new IOException(badName);
        }
        ControlRecord record = new ControlRecord(kind.header(), action, key, nextSequence(),
                content == null ? new byte[0] : content);
        ProducerRecord<byte[], byte[]> r = record.toKafka(controlTopic, signingKey);
        RecordMetadata meta;
        try {
            meta = producer.send(r).get();
        } catch (ExecutionException e) {
            throw new IOException("cannot write to " + controlTopic + ": " + e.getCause().getMessage(), e.getCause());
        }
        return "kafka:" + meta.topic() + "/" + meta.partition() + "@" + meta.offset();
    }

    private long nextSequence() {
        java.time.Instant now = java.time.Instant.now();
        lastSequence = Math.max(lastSequence + 1, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
        return lastSequence;
    }

    @Override
    public void close() {
        // Every record was acknowledged before publish or send returned: nothing is left to flush.
        producer.close(Duration.ZERO);
        status.close(Duration.ZERO);
    }
}
