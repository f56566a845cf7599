package io.trailhawk.job.detect;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.trailhawk.control.ControlRecordCheck;
import io.trailhawk.control.UpdateSignature;
import org.apache.kafka.common.header.Header;

/**
 * Reads control records: key = rule file name, value = YAML, null value = delete. A record whose key is not a file
 * name, whose value is too large or not UTF-8, or (with a signing key) that lacks a valid signature becomes a
 * rejected update, so that the rejection is reported on the status topic and the active ruleset stays.
 */
public final class ControlRecordDeserializer implements KafkaRecordDeserializationSchema<RuleFileUpdate> {
    private static final long serialVersionUID = 1L;

    private final String signingKey;
    private final int maxFileBytes;

    public ControlRecordDeserializer(String signingKey, int maxFileBytes) {
        this.signingKey = signingKey;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RuleFileUpdate> out) {
        String origin = "kafka:" + r.topic() + "/" + r.partition() + "@" + r.offset();
        String keyProblem = ControlRecordCheck.keyProblem(r.key());
        if (keyProblem != null) {
            out.collect(RuleFileUpdate.rejected("<invalid key>", keyProblem, origin));
            return;
        }
        String name = new String(r.key(), StandardCharsets.UTF_8);
        // Checked before the signature, so that no limit is spent hashing a value that would be refused anyway.
        String valueProblem = ControlRecordCheck.valueProblem(r.value(), maxFileBytes);
        if (valueProblem != null) {
            out.collect(RuleFileUpdate.rejected(name, valueProblem, origin));
            return;
        }
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
            out.collect(RuleFileUpdate.put(name, ControlRecordCheck.text(r.value()), origin));
        }
    }

    @Override
    public TypeInformation<RuleFileUpdate> getProducedType() {
        return TypeInformation.of(RuleFileUpdate.class);
    }
}
