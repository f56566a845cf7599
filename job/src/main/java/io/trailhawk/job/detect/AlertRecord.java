package io.trailhawk.job.detect;

import io.trailhawk.rules.output.Alert;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * An alert ready for Kafka: its key (rule and account, so they stay in order), the document as its route's format
 * writes it, the route's topic (null: the sink's own), and for the record's headers the alert's stable id and the
 * ruleset version that raised it. Bytes, not strings, because Flink writes a string between tasks a character at a
 * time.
 */
public final class AlertRecord implements Serializable {
    private static final long serialVersionUID = 3L;

    public byte[] key;
    public byte[] json;
    public String topic;
    public String id;
    public long rulesetVersion;

    public AlertRecord() {
    }

    public AlertRecord(byte[] key, byte[] json) {
        this.key = key;
        this.json = json;
    }

    public static AlertRecord of(Alert alert, byte[] json) {
        return of(alert, json, null, null, 0L);
    }

    static AlertRecord of(Alert alert, byte[] json, String topic, String id, long rulesetVersion) {
        String key = alert.rule() + "|" + (alert.accountId() == null ? "" : alert.accountId());
        AlertRecord r = new AlertRecord(key.getBytes(StandardCharsets.UTF_8), json);
        r.topic = topic;
        r.id = id;
        r.rulesetVersion = rulesetVersion;
        return r;
    }

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
