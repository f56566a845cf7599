package io.trailhawk.job.sink;

import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.detect.AlertRecord;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The job's Kafka outputs. Alerts are exactly-once by default (transactional, committed on checkpoint; readers use
 * {@code isolation.level=read_committed}); status records and dead letters are at-least-once.
 *
 * <p>Every record is stamped with the time it is written, never with its event's time: a broker deletes records by
 * their timestamps, so an alert of a replayed or late event stamped with that event's time would be deleted at the
 * topic's next retention check. The event's time is in the record itself.
 */
public final class KafkaSinks {
    /** The alert's stable id ({@link io.trailhawk.formats.AlertId}), so a SIEM can drop redeliveries. */
    public static final String ALERT_ID_HEADER = "trailhawk-alert-id";
    public static final String RULESET_VERSION_HEADER = "trailhawk-ruleset-version";
    /** No timestamp: the producer stamps the record when it sends it. */
    private static final Long WRITE_TIME = null;

    private KafkaSinks() {
    }

    public static KafkaSink<AlertRecord> alerts(JobConfig config, String topic) {
        return alerts(config, topic, "");
    }

    /**
     * Alerts to {@code topic}, each sink's transactions named apart by {@code idSuffix}: two sinks that shared a
     * prefix would abort each other's transactions.
     */
    public static KafkaSink<AlertRecord> alerts(JobConfig config, String topic, String idSuffix) {
        DeliveryGuarantee guarantee = config.delivery() == JobConfig.Delivery.EXACTLY_ONCE
                ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
        Properties p = config.kafkaClientProperties();
        // The sink's own default (1 h) exceeds a default broker's transaction.max.timeout.ms (15 min).
        p.setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout().toMillis()));
        return KafkaSink.<AlertRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(p)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(config.get(io.trailhawk.job.config.TrailhawkOptions.TRANSACTIONAL_ID_PREFIX)
                        + idSuffix)
                .setRecordSerializer(new AlertSerializer(topic))
                .build();
    }

    /** A topic of JSON strings with a fixed key (or none). */
    public static KafkaSink<String> strings(JobConfig config, String topic, String key) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(config.kafkaClientProperties())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new KeyedStringSerializer(topic, key))
                .build();
    }

    static final class KeyedStringSerializer implements KafkaRecordSerializationSchema<String> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final String key;

        KeyedStringSerializer(String topic, String key) {
            this.topic = topic;
            this.key = key;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(String value, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, WRITE_TIME, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Key = rule and account, so one rule's alerts for one account stay in order on one partition. The topic is
     * the record's route's, or this sink's; the headers carry the alert's stable id and ruleset version.
     */
    static final class AlertSerializer implements KafkaRecordSerializationSchema<AlertRecord> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        AlertSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(AlertRecord a, KafkaSinkContext context, Long timestamp) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(a.topic == null ? topic : a.topic, null,
                    WRITE_TIME, a.key, a.json);
            if (a.id != null) {
                r.headers().add(ALERT_ID_HEADER, a.id.getBytes(StandardCharsets.US_ASCII));
                r.headers().add(RULESET_VERSION_HEADER,
                        Long.toString(a.rulesetVersion).getBytes(StandardCharsets.US_ASCII));
            }
            return r;
        }
    }
}
