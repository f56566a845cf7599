package io.trailhawk.job.detect;

import java.io.Serializable;

/** What broadcast state keeps per rule file: its text (null once deleted) and the ruleset version that set it. */
public final class RuleFileState implements Serializable {
    private static final long serialVersionUID = 1L;

    public String yaml;
    public long version;

    public RuleFileState() {
    }

    public RuleFileState(String yaml, long version) {
        this.yaml = yaml;
        this.version = version;
    }
}
