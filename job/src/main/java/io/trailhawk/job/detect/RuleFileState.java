package io.trailhawk.job.detect;

import java.io.Serializable;

/**
 * What broadcast state keeps per rule file: its text (null once deleted), the ruleset version that set it, and the
 * highest sequence number of the records for it that were authentic (0 when they had none), which a later record
 * must exceed. {@code sequenceOnly} marks a file whose only records were refused when compiled: it is no part of the
 * ruleset, and is kept only so that those records cannot be replayed once they would compile.
 */
public final class RuleFileState implements Serializable {
    private static final long serialVersionUID = 1L;

    public String yaml;
    public long version;
    public long sequence;
    public boolean sequenceOnly;

    public RuleFileState() {
    }

    public RuleFileState(String yaml, long version, long sequence) {
        this.yaml = yaml;
        this.version = version;
        this.sequence = sequence;
    }

    /** A file no record has set, but whose refused records' sequence numbers must not be reused. */
    static RuleFileState refusedOnly(long sequence) {
        RuleFileState s = new RuleFileState(null, 0, sequence);
        s.sequenceOnly = true;
        return s;
    }
}
