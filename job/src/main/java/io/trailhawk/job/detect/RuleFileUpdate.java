package io.trailhawk.job.detect;

import java.io.Serializable;

/**
 * One control-topic record: a rule file put ({@code yaml} set) or deleted ({@code yaml} null). When the record
 * failed authentication, {@code rejection} says why and the update must not be applied.
 */
public final class RuleFileUpdate implements Serializable {
    private static final long serialVersionUID = 1L;

    public String name;
    public String yaml;
    public String rejection;
    public String origin;

    public RuleFileUpdate() {
    }

    public static RuleFileUpdate put(String name, String yaml, String origin) {
        return of(name, yaml, null, origin);
    }

    public static RuleFileUpdate delete(String name, String origin) {
        return of(name, null, null, origin);
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

    public boolean isDelete() {
        return yaml == null && rejection == null;
    }
}
