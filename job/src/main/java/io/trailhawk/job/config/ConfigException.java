package io.trailhawk.job.config;

/** A configuration key that is missing, unknown or invalid. The message names the key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
