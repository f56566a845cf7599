package io.trailhawk.job.config;

import java.util.Objects;

/** One configuration key: its name, default (null when required or optional without default) and meaning. */
public final class Option {
    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean prefix;

    private Option(String key, String defaultValue, String description, boolean prefix) {
        this.key = Objects.requireNonNull(key);
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description);
        this.prefix = prefix;
    }

    static Option of(String key, String defaultValue, String description) {
        return new Option(key, defaultValue, description, false);
    }

    /** A family of keys passed through as they are, such as {@code kafka.properties.*}. */
    static Option prefix(String key, String description) {
        return new Option(key, null, description, true);
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isPrefix() {
        return prefix;
    }

    boolean matches(String k) {
        return prefix ? k.startsWith(key) && k.length() > key.length() : k.equals(key);
    }
}
