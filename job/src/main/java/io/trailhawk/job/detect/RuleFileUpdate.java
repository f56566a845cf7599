package io.trailhawk.job.detect;

import io.trailhawk.control.DocumentKind;
import java.io.Serializable;

/**
 * One control-topic record: a document put ({@code yaml} set, and for a rule file {@code shadow} when it was put in
 * shadow) or deleted ({@code yaml} null). {@code name} is the record's key, whose prefix gives the document's
 * {@link DocumentKind}. When the record was refused, {@code rejection} says why and the update must not be
 * applied. {@code sequence} is the record's sequence number ({@code 0} when it had none) and {@code keyId} the key
 * that signed it (null when unsigned).
 */
public final class RuleFileUpdate implements Serializable {
    private static final long serialVersionUID = 1L;

    public String name;
    public String yaml;
    public String rejection;
    public String origin;
    public long sequence;
    public String keyId;
    public boolean shadow;
    /** True for a reset: the document is removed, and the bootstrap file of its name, if any, applies again. */
    public boolean reset;
    /** True for the one update {@link StartSignal} sends at each start: it changes nothing and is reported. */
    public boolean start;

    public RuleFileUpdate() {
    }

    public static RuleFileUpdate put(String name, String yaml, String origin) {
        return of(name, yaml, null, origin);
    }

    /** A rule file put in shadow: every rule it defines alerts only to the shadow output. */
    public static RuleFileUpdate putInShadow(String name, String yaml, String origin) {
        RuleFileUpdate u = of(name, yaml, null, origin);
        u.shadow = true;
        return u;
    }

    public static RuleFileUpdate reset(String name, String origin) {
        RuleFileUpdate u = of(name, null, null, origin);
        u.reset = true;
        return u;
    }

    public static RuleFileUpdate delete(String name, String origin) {
        return of(name, null, null, origin);
    }

    public static RuleFileUpdate started() {
        RuleFileUpdate u = of(null, null, null, "start");
        u.start = true;
        return u;
    }

    public static RuleFileUpdate rejected(String name, String why, String origin) {
        return of(name, null, why, origin);
    }

    private static RuleFileUpdate of(String name, String yaml, String rejection, String origin) {
        RuleFileUpdate u = new RuleFileUpdate();
        u.name = name;
        u.yaml = yaml;
        u.rejection = rejection;
        u.origin = origin;
        return u;
    }

    /** This update with its sequence number and signer. */
    public RuleFileUpdate signed(long sequence, String keyId) {
        this.sequence = sequence;
        this.keyId = keyId;
        return this;
    }

    /** This update refused, for {@code why}. */
    public RuleFileUpdate refused(String why) {
        RuleFileUpdate u = of(name, null, why, origin);
        return u.signed(sequence, keyId);
    }

    public boolean isDelete() {
        return yaml == null && rejection == null && !start && !reset;
    }

    /** What the record is; a rule file for the start signal and for keys that were refused. */
    public DocumentKind kind() {
        return name == null ? DocumentKind.RULES : DocumentKind.ofKey(name);
    }
}
