package io.trailhawk.cloudtrail.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.json.RecordLayout;

/** Receives what a payload held: records to evaluate, records skipped as Falco skips them, and malformed input. */
public interface DecodeSink {
    /** A CloudTrail record to evaluate. {@code position} says where it came from, for messages. */
    void record(JsonNode record, String position);

    /**
     * A payload that is exactly one CloudTrail record, already checked (eventTime, eventType), handed over as its
     * original bytes without building a tree, with the layout of its members when the check found it (else null).
     * By default it is parsed and passed to {@link #record}; a sink that evaluates bytes directly overrides this to
     * skip that parse.
     */
    default void recordBytes(byte[] json, long eventTimeNanos, RecordLayout layout, String position) {
        try {
            record(CloudTrailDecoder.parseRecord(json), position);
        } catch (java.io.IOException e) {
            malformed(position, "malformed JSON: " + e.getMessage());
        }
    }

    /** A record that is not evaluated (no eventTime or eventType, an Insight record, a control message). */
    void skipped(String position, String reason);

    /** Input that is not decodable. Decoding goes on with the rest of the payload where it can. */
    void malformed(String position, String reason);
}
