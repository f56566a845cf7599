package io.trailhawk.job.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Input that could not be decoded or evaluated, as the dead-letter topic carries it:
 * {@code {"reason","source","bytes_base64" (at most 64 KiB),"time"}}, and {@code "rules"} when rules failed to
 * evaluate the record: each rule that threw on it.
 */
public final class DeadLetter {
    public static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetter() {
    }

    public static String json(String reason, String source, byte[] bytes, Instant now) {
        return json(reason, java.util.List.of(), source, bytes, now);
    }

    /** The dead letter of a record that {@code rules} failed to evaluate (empty: no rule in particular). */
    public static String json(String reason, java.util.List<String> rules, String source, byte[] bytes, Instant now) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("reason", reason);
        if (!rules.isEmpty()) {
            rules.forEach(o.putArray("rules")::add);
        }
        o.put("source", source);
        byte[] kept = bytes == null ? new byte[0] : bytes.length > MAX_BYTES ? Arrays.copyOf(bytes, MAX_BYTES) : bytes;
        o.put("bytes_base64", Base64.getEncoder().encodeToString(kept));
        if (bytes != null && bytes.length > MAX_BYTES) {
            o.put("bytes_truncated_from", bytes.length);
        }
        o.put("time", now.toString());
        return o.toString();
    }
}
