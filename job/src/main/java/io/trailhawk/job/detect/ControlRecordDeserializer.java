package io.trailhawk.job.detect;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.trailhawk.control.UpdateSignature;
import org.apache.kafka.common.header.Header;

/**
 * Reads control records: key = rule file name, value = YAML, null value = delete. With a signing key, a record
 * without a valid signature becomes a rejected update, so that the rejection is reported on the status topic.
 */
public final class ControlRecordDeserializer implements KafkaRecordDeserializationSchema<RuleFileUpdate> {
    private static final long serialVersionUID = 1L;

    private final String signingKey;

    public ControlRecordDeserializer(String signingKey) {
        this.signingKey = signingKey;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RuleFileUpdate> out) {
        String origin = "kafka:" + r.topic() + "/" + r.partition() + "@" + r.offset();
        if (r.key() == null || r.key().length == 0) {
            out.collect(RuleFileUpdate.rejected("<no key>", "control record has no key: the key must be the rule "
                    + "file name", origin));
            return;
        }
        String name = new String(r.key(), StandardCharsets.UTF_8);
        if (signingKey != null) {
            Header h = r.headers().lastHeader(UpdateSignature.HEADER);
            if (!UpdateSignature.verify(signingKey, name, r.value(), h == null ? null : h.value())) {
                out.collect(RuleFileUpdate.rejected(name, h == null
                        ? "unsigned control record: a " + UpdateSignature.HEADER + " header is required"
                        : "invalid " + UpdateSignature.HEADER + " header", origin));
                return;
            }
        }
        if (r.value() == null) {
            out.collect(RuleFileUpdate.delete(name, origin));
        } else {
            out.collect(RuleFileUpdate.put(name, new String(r.value(), StandardCharsets.UTF_8), origin));
        }
    }

    @Override
    public TypeInformation<RuleFileUpdate> getProducedType() {
        return TypeInformation.of(RuleFileUpdate.class);
    }
}
