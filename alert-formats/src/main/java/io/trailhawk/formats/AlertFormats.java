package io.trailhawk.formats;

import java.util.List;

/** Every alert format, by the name configuration and {@code --format} give it. */
public final class AlertFormats {
    public static final String FALCO = "falco";
    public static final String OCSF = "ocsf";
    public static final String ASFF = "asff";
    public static final String ECS = "ecs";
    public static final List<String> NAMES = List.of(FALCO, OCSF, ASFF, ECS);

    private AlertFormats() {
    }

    /** The format called {@code name}; an unknown name is an {@link IllegalArgumentException} naming the known. */
    public static AlertFormat named(String name, FormatSettings settings) {
        switch (name) {
            case FALCO:
                return new FalcoJson(settings.hostname());
            case OCSF:
                return new OcsfDetectionFinding(settings);
            case ASFF:
                return new AsffFinding(settings);
            case ECS:
                return new EcsAlert(settings);
            default:
                throw new IllegalArgumentException("unknown alert format '" + name + "' (known: "
                        + String.join(", ", NAMES) + ")");
        }
    }

    /** The rule an alert document of {@code format} names, or empty when it names none. */
    public static String ruleName(String format, com.fasterxml.jackson.databind.JsonNode doc) {
        switch (format) {
            case OCSF:
                return doc.path("finding_info").path("title").asText("");
            case ASFF:
                return doc.path("Title").asText("");
            case ECS:
                return doc.path("rule").path("name").asText("");
            default:
                return doc.path("rule").asText("");
        }
    }

    /** Whether the format reads the event's facts, so that the ruleset must keep them: all but Falco JSON. */
    public static boolean needsEventFacts(String name) {
        return !FALCO.equals(name);
    }
}
