package io.trailhawk.job.source;

import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.config.TrailhawkOptions;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.source.SourceFunction;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * The Kinesis source. This is the only class that touches the legacy {@code FlinkKinesisConsumer}: moving to
 * Flink 2.x and the FLIP-27 {@code KinesisStreamsSource} changes this factory and nothing else.
 */
public final class KinesisEventSource {
    private KinesisEventSource() {
    }

    public static SourceFunction<RawPayload> create(JobConfig config) {
        return new FlinkKinesisConsumer<>(config.kinesisStreams(), new PayloadDeserializer(), consumerProperties(config));
    }

    /** The consumer's properties: typed options first, then {@code source.kinesis.properties.*} as they are. */
    public static Properties consumerProperties(JobConfig config) {
        Properties p = new Properties();
        String region = config.get(TrailhawkOptions.KINESIS_REGION);
        if (region != null) {
            p.setProperty(AWSConfigConstants.AWS_REGION, region);
        }
        String endpoint = config.get(TrailhawkOptions.KINESIS_ENDPOINT);
        if (endpoint != null) {
            p.setProperty(AWSConfigConstants.AWS_ENDPOINT, endpoint);
            if (region == null) {
                p.setProperty(AWSConfigConstants.AWS_REGION, "us-east-1");
            }
        }
        p.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION,
                config.get(TrailhawkOptions.KINESIS_INITIAL_POSITION).toUpperCase(java.util.Locale.ROOT));
        String ts = config.get(TrailhawkOptions.KINESIS_INITIAL_TIMESTAMP);
        if (ts != null) {
            p.setProperty(ConsumerConfigConstants.STREAM_INITIAL_TIMESTAMP, ts);
        }
        p.setProperty(ConsumerConfigConstants.RECORD_PUBLISHER_TYPE,
                config.get(TrailhawkOptions.KINESIS_RECORD_PUBLISHER).toUpperCase(java.util.Locale.ROOT));
        String efo = config.get(TrailhawkOptions.KINESIS_EFO_CONSUMER);
        if (efo != null) {
            p.setProperty(ConsumerConfigConstants.EFO_CONSUMER_NAME, efo);
        }
        // Without this, a shard with no new records holds back event time for the whole job.
        p.setProperty(ConsumerConfigConstants.SHARD_IDLE_INTERVAL_MILLIS,
                Long.toString(config.idleness().toMillis()));
        p.putAll(config.withPrefix(TrailhawkOptions.KINESIS_PROPERTIES));
        return p;
    }

    static final class PayloadDeserializer implements KinesisDeserializationSchema<RawPayload> {
        private static final long serialVersionUID = 1L;

        @Override
        public RawPayload deserialize(byte[] recordValue, String partitionKey, String seqNum,
                long approxArrivalTimestamp, String stream, String shardId) {
            return new RawPayload(recordValue, "kinesis:" + stream + "/" + shardId);
        }

        @Override
        public TypeInformation<RawPayload> getProducedType() {
            return TypeInformation.of(RawPayload.class);
        }
    }
}
