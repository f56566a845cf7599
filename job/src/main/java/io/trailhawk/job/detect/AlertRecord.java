package io.trailhawk.job.detect;

import java.io.Serializable;

/** An alert ready for Kafka: its key (rule and account, so they stay in order) and its Falco JSON. */
public final class AlertRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    public String key;
    public String json;

    public AlertRecord() {
    }

    public AlertRecord(String key, String json) {
        this.key = key;
        this.json = json;
    }
}
