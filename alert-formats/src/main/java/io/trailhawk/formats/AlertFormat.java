package io.trailhawk.formats;

import io.trailhawk.rules.output.Alert;

/**
 * One way of writing alerts, chosen per output: {@code falco} (Falco's JSON, the default), {@code ocsf}, {@code asff}
 * or {@code ecs} ({@link AlertFormats}). Thread-safe; each thread writes with a buffer of its own.
 */
public interface AlertFormat {
    /** The name configuration and {@code --format} use. */
    String name();

    /** The alert as one UTF-8 JSON document. */
    byte[] render(Alert alert, AlertContext context);
}
