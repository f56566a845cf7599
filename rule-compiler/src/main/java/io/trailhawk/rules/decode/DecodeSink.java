package io.trailhawk.rules.decode;

import com.fasterxml.jackson.databind.JsonNode;

/** Receives what a payload held: records to evaluate, records skipped as Falco skips them, and malformed input. */
public interface DecodeSink {
    /** A CloudTrail record to evaluate. {@code position} says where it came from, for messages. */
    void record(JsonNode record, String position);

    /** A record that is not evaluated (no eventTime or eventType, an Insight record, a control message). */
    void skipped(String position, String reason);

    /** Input that is not decodable. Decoding goes on with the rest of the payload where it can. */
    void malformed(String position, String reason);
}
