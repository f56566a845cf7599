package io.trailhawk.job.source;

import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.config.TrailhawkOptions;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** CloudTrail records already routed into Kafka or MSK. */
public final class KafkaEventSource {
    private KafkaEventSource() {
    }

    public static KafkaSource<RawPayload> create(JobConfig config) {
        OffsetsInitializer offsets;
        switch (config.get(TrailhawkOptions.KAFKA_SOURCE_OFFSETS).toLowerCase(java.util.Locale.ROOT)) {
            case "earliest":
                offsets = OffsetsInitializer.earliest();
                break;
            case "latest":
                offsets = OffsetsInitializer.latest();
                break;
            default:
                offsets = OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
        return KafkaSource.<RawPayload>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setProperties(config.kafkaClientProperties())
                .setTopics(config.kafkaSourceTopics())
                .setGroupId(config.get(TrailhawkOptions.KAFKA_SOURCE_GROUP))
                .setStartingOffsets(offsets)
                .setDeserializer(new PayloadDeserializer())
                .build();
    }

    /** Keeps the bytes and records topic, partition and offset for dead letters. Null values are skipped. */
    static final class PayloadDeserializer implements KafkaRecordDeserializationSchema<RawPayload> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RawPayload> out) {
            if (r.value() != null) {
                out.collect(new RawPayload(r.value(), "kafka:" + r.topic() + "/" + r.partition() + "@" + r.offset()));
            }
        }

        @Override
        public TypeInformation<RawPayload> getProducedType() {
            return TypeInformation.of(RawPayload.class);
        }
    }
}
