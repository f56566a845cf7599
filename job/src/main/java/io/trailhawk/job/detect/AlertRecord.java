package io.trailhawk.job.detect;

import io.trailhawk.rules.output.Alert;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * An alert ready for Kafka: its key (rule and account, so they stay in order) and its Falco JSON, both as UTF-8.
 * Bytes, not strings, because Flink writes a string between tasks a character at a time.
 */
public final class AlertRecord implements Serializable {
    private static final long serialVersionUID = 2L;

    public byte[] key;
    public byte[] json;

    public AlertRecord() {
    }

    public AlertRecord(byte[] key, byte[] json) {
        this.key = key;
        this.json = json;
    }

    public static AlertRecord of(Alert alert, byte[] json) {
        String key = alert.rule() + "|" + (alert.accountId() == null ? "" : alert.accountId());
        return new AlertRecord(key.getBytes(StandardCharsets.UTF_8), json);
    }

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
