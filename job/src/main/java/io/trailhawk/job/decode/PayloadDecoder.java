package io.trailhawk.job.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.job.JobMetrics;
import io.trailhawk.job.source.RawPayload;
import io.trailhawk.cloudtrail.input.CloudTrailDecoder;
import io.trailhawk.cloudtrail.input.DecodeSink;
import io.trailhawk.rules.event.EventTime;
import io.trailhawk.rules.json.RecordLayout;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits each payload into CloudTrail records with the decoder {@code replay} uses. Undecodable input goes to the
 * dead-letter side output with its reason; nothing in the input can fail the job.
 */
public final class PayloadDecoder extends ProcessFunction<RawPayload, DecodedRecord> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<String>("dead-letters") {
        private static final long serialVersionUID = 1L;
    };

    private final JobMetrics metrics;
    private transient CloudTrailDecoder decoder;
    private transient ObjectMapper mapper;
    private transient Counter payloads;
    private transient Counter records;
    private transient Counter skipped;
    private transient Counter failures;

    public PayloadDecoder(JobMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void open(Configuration parameters) {
        decoder = new CloudTrailDecoder();
        mapper = new ObjectMapper();
        var group = metrics.group(getRuntimeContext());
        payloads = group.counter("payloadsIn");
        records = group.counter("eventsIn");
        skipped = group.counter("eventsSkipped");
        failures = group.counter("decodeFailures");
    }

    @Override
    public void processElement(RawPayload payload, Context ctx, Collector<DecodedRecord> out) {
        payloads.inc();
        try {
            decoder.decode(payload.bytes, payload.origin, new DecodeSink() {
                @Override
                public void record(JsonNode record, String position) {
                    try {
                        Long nanos = EventTime.parse(record.get("eventTime").textValue());
                        out.collect(new DecodedRecord(mapper.writeValueAsBytes(record), nanos / 1_000_000L,
                                payload.origin, null));
                        records.inc();
                    } catch (JsonProcessingException e) {
                        malformed(position, "cannot re-encode record: " + e.getOriginalMessage());
                    }
                }

                @Override
                public void recordBytes(byte[] json, long eventTimeNanos, RecordLayout layout, String position) {
                    out.collect(new DecodedRecord(json, eventTimeNanos / 1_000_000L, payload.origin,
                            layout == null ? null : layout.toArray()));
                    records.inc();
                }

                @Override
                public void skipped(String position, String reason) {
                    skipped.inc();
                }

                @Override
                public void malformed(String position, String reason) {
                    failures.inc();
                    ctx.output(DEAD_LETTERS, DeadLetter.json(reason + " (at " + position + ")", payload.origin,
                            payload.bytes, Instant.now()));
                }
            });
        } catch (RuntimeException e) {
            // The decoder handles bad input itself; this guards against the unforeseen, so one payload cannot stop
            // the stream.
            failures.inc();
            ctx.output(DEAD_LETTERS, DeadLetter.json("decoder failure: " + e, payload.origin, payload.bytes,
                    Instant.now()));
        }
    }
}
