package io.trailhawk.job.detect;

import java.io.Serializable;

/**
 * What broadcast state keeps per rule file: its text (null once deleted), the ruleset version that set it, and the
 * sequence number of the record that set it (0 when it had none), which a later record must exceed.
 */
public final class RuleFileState implements Serializable {
    private static final long serialVersionUID = 1L;

    public String yaml;
    public long version;
    public long sequence;

    public RuleFileState() {
    }

    public RuleFileState(String yaml, long version, long sequence) {
        this.yaml = yaml;
        this.version = version;
        this.sequence = sequence;
    }
}
