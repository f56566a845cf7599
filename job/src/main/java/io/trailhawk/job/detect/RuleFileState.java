package io.trailhawk.job.detect;

import java.io.Serializable;

/**
 * What broadcast state keeps per control document (a rule file, a selection or a promotion, by record key): its
 * text (null once deleted), whether a rule file was put in shadow, the key id that signed the record that set it
 * (null when unsigned), the ruleset version that set it, and the highest sequence number of the records for it
 * that were authentic (0 when they had none), which a later record must exceed. {@code sequenceOnly} marks a file whose only records were refused when compiled: it is no part of the
 * ruleset, and is kept only so that those records cannot be replayed once they would compile.
 */
public final class RuleFileState implements Serializable {
    private static final long serialVersionUID = 1L;

    public String yaml;
    public long version;
    public long sequence;
    public boolean sequenceOnly;
    public boolean shadow;
    public String keyId;

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
