package io.trailhawk.job.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A real single-node KRaft Kafka broker in this JVM, for tests. */
public final class EmbeddedKafka implements AutoCloseable {
    private static final int MAX_RECORD_BYTES = 64 << 20;

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafka start() throws Exception {
        KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // Retention runs every second, so a record kept under an old timestamp is deleted within a test,
                // as a default broker deletes it within five minutes.
                .setConfigProp("log.retention.check.interval.ms", "1000")
                // The log cleaner looks for work every 100 ms, so a test can watch compaction happen.
                .setConfigProp("log.cleaner.backoff.ms", "100")
                // Large enough for the hostile control records some tests send.
                .setConfigProp("message.max.bytes", String.valueOf(MAX_RECORD_BYTES))
                .setConfigProp("replica.fetch.max.bytes", String.valueOf(MAX_RECORD_BYTES))
                .build();
        c.format();
        c.startup();
        c.waitForReadyBrokers();
        return new EmbeddedKafka(c);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopic(String name, int partitions, boolean compacted) throws Exception {
        createTopic(name, partitions, compacted ? Map.of("cleanup.policy", "compact") : Map.of());
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            NewTopic t = new NewTopic(name, partitions, (short) 1);
            t.configs(configs);
            admin.createTopics(List.of(t)).all().get();
        }
    }

    /** Creates uniquely named topics for one test: events, control, status, alerts, dlq. */
    public Topics createTopics(int eventPartitions) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Topics t = new Topics("events-" + id, "control-" + id, "status-" + id, "alerts-" + id, "dlq-" + id,
                "shadow-" + id);
        createTopic(t.events, eventPartitions, false);
        createTopic(t.control, 1, true);
        createTopic(t.status, 1, false);
        createTopic(t.alerts, 2, false);
        createTopic(t.dlq, 1, false);
        createTopic(t.shadowAlerts, 1, false);
        return t;
    }

    /** The topics of one test. */
    public static final class Topics {
        public final String events;
        public final String control;
        public final String status;
        public final String alerts;
        public final String dlq;
        public final String shadowAlerts;

        Topics(String events, String control, String status, String alerts, String dlq, String shadowAlerts) {
            this.events = events;
            this.control = control;
            this.status = status;
            this.alerts = alerts;
            this.dlq = dlq;
            this.shadowAlerts = shadowAlerts;
        }
    }

    public void send(String topic, String key, byte[] value, Map<String, byte[]> headers) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * MAX_RECORD_BYTES);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null,
                    key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
            headers.forEach((k, v) -> r.headers().add(k, v));
            producer.send(r).get();
        }
    }

    public void send(String topic, String key, String value) throws Exception {
        send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * Reads a topic from the start with {@code read_committed} until {@code done} holds for what was read, or the
     * timeout passes. Returns every value read.
     */
    public List<String> readUntil(String topic, Duration timeout, Predicate<List<String>> done) {
        List<String> values = new ArrayList<>();
        records(topic, timeout, r -> {
            values.clear();
            r.forEach(c -> values.add(c.value() == null ? null : new String(c.value(), StandardCharsets.UTF_8)));
            return done.test(values);
        });
        return values;
    }

    /** The topic's records from its start, with keys and headers, once {@code done} holds or the time is up. */
    public List<ConsumerRecord<byte[], byte[]>> records(String topic, Duration timeout,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (System.nanoTime() < deadline && !done.test(records)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    public static Predicate<List<String>> atLeast(int n) {
        return l -> l.size() >= n;
    }

    public static Predicate<List<String>> any(Predicate<String> p) {
        return l -> l.stream().anyMatch(v -> v != null && p.test(v));
    }

    public static long count(Collection<String> values, String needle) {
        return values.stream().filter(v -> v != null && v.contains(needle)).count();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
