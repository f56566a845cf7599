package io.trailhawk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.control.ControlTopics;
import io.trailhawk.local.LocalFlink;
import io.trailhawk.local.LocalKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Input at ten times the rate the job sustains, for {@code --seconds}: does anything get lost, does the consumer lag
 * drain afterwards, and do the metrics show the backpressure. The whole job (Kafka source, Kafka sinks with
 * exactly-once) on a MiniCluster at parallelism 1. So that ten times its rate fits on a machine of two cores, the
 * job runs the default ruleset with {@code --heavy} extra rules, each a regular expression over the whole request
 * that nothing matches, and a rule that alerts on every input record, so that each record's alert can be counted.
 * The rate the job sustains is measured first, on a backlog, in the same run.
 */
public final class OverloadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "ovl-0000000000";
    private static final String GROUP = "overload";

    private OverloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        int heavy = Integer.parseInt(a.getOrDefault("heavy", "200"));
        int factor = Integer.parseInt(a.getOrDefault("factor", "10"));
        Path extra = Files.createTempDirectory("trailhawk-overload");
        StringBuilder rules = new StringBuilder("- rule: Every record\n  desc: d\n  condition: ct.id startswith ovl-\n"
                + "  output: record %ct.id\n  priority: INFO\n");
        for (int i = 0; i < heavy; i++) {
            rules.append("- rule: Heavy ").append(i).append("\n  desc: d\n  condition: ct.request regex \"[a-z]+-heavy-")
                    .append(i).append("-[0-9]{3}x\"\n  output: heavy\n  priority: INFO\n");
        }
        Files.writeString(extra.resolve("zz-overload.yaml"), rules.toString());
        byte[][] templates = templates(Samples.records(Samples.DEFAULT));
        try (LocalKafka kafka = LocalKafka.start(39491); LocalFlink flink = LocalFlink.start(38481, 4);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
                KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            long[] next = {0};
            long backlog = Long.parseLong(a.getOrDefault("backlog", "150000"));
            send(producer, templates, next, backlog, 0, 0);
            Map<String, String> c = new HashMap<>();
            c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            c.put("source.kafka.topics", ControlTopics.EVENTS);
            c.put("source.kafka.group-id", GROUP);
            c.put("rules.bootstrap", Path.of("rules").toAbsolutePath() + "," + extra);
            c.put("checkpoint.interval", "2s");
            c.put("parallelism", "1");
            flink.submit(c, Duration.ofSeconds(120));

            // The sustained rate: the slope of evaluated records between a fifth and four fifths of the backlog.
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long t20 = 0;
            long n20 = 0;
            long n = 0;
            long lastReport = System.nanoTime();
            while (n < backlog * 4 / 5 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                n = flink.detectMetric("eventsEvaluated");
                if (t20 == 0 && n >= backlog / 5) {
                    t20 = System.nanoTime();
                    n20 = n;
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    System.out.printf("  backlog: %,d of %,d evaluated%n", n, backlog);
                    lastReport = System.nanoTime();
                }
            }
            double sustained = (n - n20) / ((System.nanoTime() - t20) / 1e9);
            System.out.printf("sustained, on a backlog: %.0f records/s (default ruleset + %d heavy rules, parallelism 1)"
                    + "%n", sustained, heavy);
            awaitNoLag(admin, deadline);

            int rate = (int) Math.round(sustained * factor);
            long before = next[0];
            List<String> pressure = new ArrayList<>();
            Thread sampler = new Thread(() -> sample(flink, pressure, seconds));
            sampler.start();
            send(producer, templates, next, (long) rate * seconds, rate, seconds);
            long inputEnded = System.nanoTime();
            sampler.join();
            System.out.printf("overload: %,d records at %,d/s (%d x) for %d s%n", next[0] - before, rate, factor,
                    seconds);
            System.out.println("  backpressure while overloaded: " + String.join("; ", pressure));
            System.out.printf("  lag when the input stopped: %,d records%n", lag(admin));
            awaitNoLag(admin, System.nanoTime() + Duration.ofMinutes(60).toNanos());
            System.out.printf("  drained %.0f s after the input stopped%n", (System.nanoTime() - inputEnded) / 1e9);
            long[] counted = countAlerts(kafka.bootstrapServers(), next[0]);
            System.out.printf("  alerts of 'Every record': %,d distinct of %,d records, %,d duplicates%n", counted[0],
                    next[0], counted[1]);
        }
    }

    /** The sample records, each with its eventID replaced by a placeholder of fixed width. */
    private static byte[][] templates(List<byte[]> records) throws Exception {
        byte[][] out = new byte[records.size()][];
        for (int i = 0; i < out.length; i++) {
            ObjectNode n = (ObjectNode) JSON.readTree(records.get(i));
            n.put("eventID", ID);
            out[i] = JSON.writeValueAsBytes(n);
        }
        return out;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("batch.size", String.valueOf(512 * 1024));
        p.put("buffer.memory", String.valueOf(256L << 20));
        p.put("max.block.ms", "600000");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** {@code count} records numbered from {@code next}; at {@code rate} per second, or as fast as possible if 0. */
    private static void send(KafkaProducer<byte[], byte[]> producer, byte[][] templates, long[] next, long count,
            int rate, int seconds) throws Exception {
        long start = System.nanoTime();
        for (long k = 0; k < count; k++) {
            long n = next[0]++;
            byte[] t = templates[(int) (n % templates.length)];
            byte[] r = t.clone();
            byte[] id = String.format("ovl-%010d", n).getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(t);
            System.arraycopy(id, 0, r, at, id.length);
            producer.send(new ProducerRecord<>(ControlTopics.EVENTS, id, r));
            if (rate > 0 && (k & 63) == 63) {
                long wait = start + (k + 1) * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
        }
        producer.flush();
    }

    private static int indexOf(byte[] t) {
        byte[] needle = ID.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= t.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (t[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no id placeholder");
    }

    /** Once a second: the source's share of time backpressured, and the records its reader has not read. */
    private static void sample(LocalFlink flink, List<String> out, int seconds) {
        long maxBackpressured = 0;
        long maxPending = 0;
        int busy = 0;
        for (int s = 0; s < seconds; s++) {
            try {
                Thread.sleep(1000);
                JsonNode m = flink.sourceMetrics("backPressuredTimeMsPerSecond", "pendingRecords");
                long bp = m.path("backPressuredTimeMsPerSecond").asLong();
                maxBackpressured = Math.max(maxBackpressured, bp);
                maxPending = Math.max(maxPending, m.path("pendingRecords").asLong());
                busy += bp > 500 ? 1 : 0;
            } catch (Exception e) {
                out.add("sampling failed: " + e);
                return;
            }
        }
        out.add("source backPressuredTimeMsPerSecond above 500 in " + busy + " of " + seconds + " samples, max "
                + maxBackpressured);
        out.add("pendingRecords max " + String.format("%,d", maxPending));
    }

    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (int p = 0; p < admin.describeTopics(List.of(ControlTopics.EVENTS)).allTopicNames().get()
                .get(ControlTopics.EVENTS).partitions().size(); p++) {
            ask.put(new TopicPartition(ControlTopics.EVENTS, p), OffsetSpec.latest());
        }
        long lag = 0;
        for (Map.Entry<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(ask).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static void awaitNoLag(Admin admin, long deadline) throws Exception {
        while (lag(admin) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /** {distinct records alerted by 'Every record', alerts beyond one per record}, read with read_committed. */
    private static long[] countAlerts(String bootstrap, long records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "overload-count-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        p.put("max.poll.records", "5000");
        BitSet seen = new BitSet();
        long distinct = 0;
        long duplicates = 0;
        byte[] marker = "\"event_id\":\"ovl-".getBytes(StandardCharsets.US_ASCII);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(ControlTopics.ALERTS));
            long idle = System.nanoTime();
            while (distinct < records && System.nanoTime() - idle < Duration.ofSeconds(30).toNanos()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    idle = System.nanoTime();
                    String s = new String(r.value(), StandardCharsets.US_ASCII);
                    int at = s.indexOf(new String(marker, StandardCharsets.US_ASCII));
                    if (at < 0 || !s.contains("\"rule\":\"Every record\"")) {
                        continue;
                    }
                    int n = Integer.parseInt(s.substring(at + marker.length, at + marker.length + 10));
                    if (seen.get(n)) {
                        duplicates++;
                    } else {
                        seen.set(n);
                        distinct++;
                    }
                }
            }
        }
        return new long[] {distinct, duplicates};
    }
}
