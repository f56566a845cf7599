package io.trailhawk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Probe events written at a steady rate, each with its own id, and the alerts read back with
 * {@code read_committed}: when each probe was written, and when and how often its alert was read.
 */
final class ProbeTraffic implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String bootstrap;
    private final String events;
    private final String alerts;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicInteger next = new AtomicInteger();
    /** By probe id: when it was handed to the producer, in nanoTime, once the broker acknowledged it. */
    final Map<String, Long> sent = new ConcurrentHashMap<>();
    final Map<String, String> sendFailures = new ConcurrentHashMap<>();
    /** By probe id: how many alerts were read, and when the first was. */
    final Map<String, AtomicInteger> alertCounts = new ConcurrentHashMap<>();
    final Map<String, Long> firstAlertAt = new ConcurrentHashMap<>();
    private final Thread producer;
    private final Thread reader;

    ProbeTraffic(String bootstrap, String events, String alerts, int perSecond) {
        this.bootstrap = bootstrap;
        this.events = events;
        this.alerts = alerts;
        this.reader = new Thread(this::read, "probe-alert-reader");
        this.producer = new Thread(() -> produce(perSecond), "probe-producer");
        reader.setDaemon(true);
        producer.setDaemon(true);
        reader.start();
    }

    void startSending() {
        producer.start();
    }

    /** Stops writing probes and waits for the writes in flight. */
    void stopSending() throws InterruptedException {
        sending.set(false);
        producer.join(Duration.ofMinutes(3).toMillis());
    }

    /** The first alert read of a probe written after {@code afterNanos}: when it was read, or null. */
    Long firstNewAlertAfter(long afterNanos) {
        Long first = null;
        for (Map.Entry<String, Long> e : sent.entrySet()) {
            Long at = firstAlertAt.get(e.getKey());
            if (e.getValue() > afterNanos && at != null && (first == null || at < first)) {
                first = at;
            }
        }
        return first;
    }

    int alertsRead() {
        return firstAlertAt.size();
    }

    private void produce(int perSecond) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("delivery.timeout.ms", "300000");
        p.put("max.block.ms", "300000");
        p.put("linger.ms", "5");
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> kp = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            while (sending.get()) {
                int n = next.getAndIncrement();
                String id = String.format("p-%06d", n);
                byte[] record = probe(id);
                long handed = System.nanoTime();
                kp.send(new ProducerRecord<>(events, id.getBytes(StandardCharsets.UTF_8), record), (meta, e) -> {
                    if (e == null) {
                        sent.put(id, handed);
                    } else {
                        sendFailures.put(id, e.toString());
                    }
                });
                long due = start + (n + 1) * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            kp.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] probe(String id) {
        return record("TrailhawkProbe", id, "probe");
    }

    /** A CloudTrail record of {@code name} by IAM user {@code user}, timed now. */
    static byte[] record(String name, String id, String user) {
        return ("{\"eventVersion\":\"1.08\",\"eventTime\":\"" + Instant.now().toString().substring(0, 19)
                + "Z\",\"eventType\":\"AwsApiCall\",\"eventSource\":\"trailhawk.test\",\"eventName\":\"" + name
                + "\",\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"123456789012\",\"eventID\":\"" + id
                + "\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::123456789012:user/" + user
                + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private void read() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "probe-reader-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(alerts));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode alert = JSON.readTree(r.value());
                    String id = alert.path("trailhawk").path("event_id").asText();
                    alertCounts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    firstAlertAt.putIfAbsent(id, now);
                }
            }
        } catch (Exception e) {
            if (running.get()) {
                throw new IllegalStateException("alert reader failed", e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        sending.set(false);
        running.set(false);
        producer.join(10_000);
        reader.join(10_000);
    }
}
