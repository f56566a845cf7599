package io.trailhawk.job.detect;

import io.trailhawk.control.ControlRecord;
import io.trailhawk.control.ControlRecordCheck;
import io.trailhawk.control.TrustedKeys;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads control records (docs/control-protocol.md). A record whose key is not a file name, whose value is too large
 * or not UTF-8, whose headers make no sense, or (with trusted keys) that lacks a valid signature becomes a refused
 * update, so that the refusal is reported on the status topic and the active ruleset stays. Whether a sequence
 * number is newer than the last depends on state, so the rules operator checks that.
 */
public final class ControlRecordDeserializer implements KafkaRecordDeserializationSchema<RuleFileUpdate> {
    private static final long serialVersionUID = 2L;

    private final TrustedKeys trusted;
    private final int maxFileBytes;

    public ControlRecordDeserializer(TrustedKeys trusted, int maxFileBytes) {
        this.trusted = trusted;
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
        ControlRecord.Read read = ControlRecord.fromKafka(name, r.value(), r.headers());
        String problem = read.problem != null ? read.problem : read.authenticationProblem(trusted);
        if (problem != null) {
            out.collect(RuleFileUpdate.rejected(name, problem, origin));
            return;
        }
        ControlRecord c = read.record;
        String signer = trusted.required() ? (read.keyId == null ? TrustedKeys.DEFAULT_ID : read.keyId) : null;
        RuleFileUpdate u = c.action() == ControlRecord.Action.DELETE ? RuleFileUpdate.delete(name, origin)
                : c.action() == ControlRecord.Action.RESET ? RuleFileUpdate.reset(name, origin)
                : c.action() == ControlRecord.Action.SHADOW
                        ? RuleFileUpdate.putInShadow(name, ControlRecordCheck.text(r.value()), origin)
                        : RuleFileUpdate.put(name, ControlRecordCheck.text(r.value()), origin);
        out.collect(u.signed(c.sequence(), signer));
    }

    @Override
    public TypeInformation<RuleFileUpdate> getProducedType() {
        return TypeInformation.of(RuleFileUpdate.class);
    }
}
