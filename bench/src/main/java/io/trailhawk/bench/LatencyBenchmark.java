package io.trailhawk.bench;

import io.trailhawk.control.ControlTopics;
import io.trailhawk.local.LocalFlink;
import io.trailhawk.local.LocalKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * From producing an event to its alert being readable with {@code read_committed}, p50, p99 and max: the whole
 * job (Kafka source, the default ruleset plus a probe rule, Kafka sinks) on a MiniCluster at parallelism 2, with
 * probe events at a steady {@code --rate} per second, for exactly-once at checkpoint intervals of 1 s and 10 s
 * and for at-least-once. Latency, not throughput: the rate is far below what the job sustains.
 */
public final class LatencyBenchmark {
    private static final String PROBE_RULE = "- rule: Latency probe\n  desc: d\n  condition: ct.name = TrailhawkProbe\n"
            + "  output: probe %ct.id\n  priority: WARNING\n";

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "40"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "200"));
        Path rules = Path.of(a.getOrDefault("rules", "rules")).toAbsolutePath();
        Path probe = Files.createTempDirectory("trailhawk-latency");
        Files.writeString(probe.resolve("zz-probe.yaml"), PROBE_RULE);
        String bootstrap = rules + "," + probe;
        run("exactly-once", "1s", seconds, rate, bootstrap);
        run("exactly-once", "10s", seconds, rate, bootstrap);
        run("at-least-once", "1s", seconds, rate, bootstrap);
    }

    private static void run(String delivery, String interval, int seconds, int rate, String rules) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(39291); LocalFlink flink = LocalFlink.start(38281, 4)) {
            Map<String, String> c = new HashMap<>();
            c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            c.put("source.kafka.topics", ControlTopics.EVENTS);
            c.put("rules.bootstrap", rules);
            c.put("sink.delivery-guarantee", delivery);
            c.put("checkpoint.interval", interval);
            c.put("parallelism", "2");
            flink.submit(c, Duration.ofSeconds(120));
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> latencies = new ArrayList<>();
            long warmupEnds = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long ends = warmupEnds + Duration.ofSeconds(seconds).toNanos();
            Thread reader = new Thread(() -> read(kafka.bootstrapServers(), sentAt, latencies, warmupEnds, ends));
            reader.start();
            produce(kafka.bootstrapServers(), rate, ends, sentAt);
            reader.join(Duration.ofSeconds(60).toMillis());
            synchronized (latencies) {
                latencies.sort(null);
                int n = latencies.size();
                System.out.printf("%s, checkpoints every %s: p50 %d ms, p99 %d ms, max %d ms (%,d alerts of %,d probes "
                        + "sent after a 10 s warm-up, %d/s, parallelism 2)%n", delivery, interval,
                        latencies.get(n / 2) / 1_000_000, latencies.get((int) Math.ceil(n * 0.99) - 1) / 1_000_000,
                        latencies.get(n - 1) / 1_000_000, n, rate * seconds, rate);
            }
        }
    }

    private static void produce(String bootstrap, int rate, long ends, Map<String, Long> sentAt) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; System.nanoTime() < ends; i++) {
                String id = "lat-" + i;
                String record = "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + Instant.now().toString().substring(0, 19)
                        + "Z\",\"eventType\":\"AwsApiCall\",\"eventSource\":\"trailhawk.test\",\"eventName\":"
                        + "\"TrailhawkProbe\",\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"123456789012\","
                        + "\"eventID\":\"" + id + "\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":"
                        + "\"arn:aws:iam::123456789012:user/probe\"}}";
                sentAt.put(id, System.nanoTime());
                producer.send(new ProducerRecord<>(ControlTopics.EVENTS, id.getBytes(StandardCharsets.UTF_8),
                        record.getBytes(StandardCharsets.UTF_8)));
                long wait = start + (i + 1) * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
    }

    /** Latencies of probes sent between the two instants, until a while after the last is sent. */
    private static void read(String bootstrap, Map<String, Long> sentAt, List<Long> latencies, long from, long to) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "latency-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        byte[] marker = "\"event_id\":\"lat-".getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(ControlTopics.ALERTS));
            long stop = to + Duration.ofSeconds(25).toNanos();
            while (System.nanoTime() < stop) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String json = new String(r.value(), StandardCharsets.UTF_8);
                    int at = json.indexOf(new String(marker, StandardCharsets.UTF_8));
                    if (at < 0) {
                        continue;
                    }
                    int start = at + marker.length - 4;
                    String id = json.substring(start, json.indexOf('"', start));
                    Long sent = sentAt.get(id);
                    if (sent != null && sent >= from && sent < to) {
                        synchronized (latencies) {
                            latencies.add(now - sent);
                        }
                    }
                }
            }
        }
    }
}
