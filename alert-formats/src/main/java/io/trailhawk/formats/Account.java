package io.trailhawk.formats;

/**
 * An AWS account as alerts name it: its id, and from the account table its name, environment and owner (each null
 * when the table does not say). Immutable.
 */
public final class Account {
    private final String id;
    private final String name;
    private final String environment;
    private final String owner;

    public Account(String id, String name, String environment, String owner) {
        this.id = id;
        this.name = name;
        this.environment = environment;
        this.owner = owner;
    }

    /** An account the table has no row for, or an alert without an account (id null). */
    public static Account unknown(String id) {
        return new Account(id, null, null, null);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String environment() {
        return environment;
    }

    public String owner() {
        return owner;
    }
}
