package io.trailhawk.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Follows a topic from its start on a thread of its own, handing each committed value to a callback. */
final class TopicPrinter implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastRecordNanos = System.nanoTime();

    TopicPrinter(String bootstrap, String topic, Consumer<String> onValue) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "trailhawk-local-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        thread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                c.subscribe(List.of(topic));
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        lastRecordNanos = System.nanoTime();
                        if (r.value() != null) {
                            onValue.accept(new String(r.value(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }, "print-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** How long since the last record arrived. */
    Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastRecordNanos);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
