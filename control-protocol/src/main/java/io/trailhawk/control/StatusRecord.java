package io.trailhawk.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A status record read back from the status topic: an activation or a rejection. */
public final class StatusRecord {
    private final JsonNode json;

    public StatusRecord(JsonNode json) {
        this.json = json;
    }

    public boolean activated() {
        return "activated".equals(json.path("status").asText());
    }

    /** True for the report of a rule in shadow's alerts in one window, not the answer to a control record. */
    public boolean isShadowReport() {
        return "shadow".equals(json.path("status").asText());
    }

    /** True for an update that left the active ruleset as it was (reported as an activation of the same version). */
    public boolean unchanged() {
        return json.path("unchanged").asBoolean();
    }

    /** The rules whose alerts go only to the shadow topic, in an activation. */
    public List<String> shadowRules() {
        return strings(json.path("shadow_rules"));
    }

    /** The kept versions, newest first, each as the job keeps it: version, time, trigger, file hashes, documents. */
    public List<JsonNode> history() {
        List<JsonNode> out = new ArrayList<>();
        json.path("history").forEach(out::add);
        return out;
    }

    /** After a rollback: the documents it gave other texts, each {@code {"file","action","content"}}. */
    public List<JsonNode> restored() {
        List<JsonNode> out = new ArrayList<>();
        json.path("restored").forEach(out::add);
        return out;
    }

    public long version() {
        return json.path("version").asLong();
    }

    public int rules() {
        return json.path("rules").asInt();
    }

    public int lists() {
        return json.path("lists").asInt();
    }

    public int macros() {
        return json.path("macros").asInt();
    }

    /** The trigger's origin, {@code kafka:TOPIC/PARTITION@OFFSET}, which ties a status to the update behind it. */
    public String origin() {
        return json.path("trigger").path("origin").asText(null);
    }

    public String file() {
        return json.path("trigger").path("file").asText(null);
    }

    /** The rules an activation after an update added, against the ruleset that was active; empty otherwise. */
    public List<String> added() {
        return strings(json.path("changes").path("added"));
    }

    public List<String> removed() {
        return strings(json.path("changes").path("removed"));
    }

    /** The rules whose condition, output, priority, description, tags, stateful key or enablement changed. */
    public List<String> changed() {
        return strings(json.path("changes").path("changed"));
    }

    /** The changes as lines for people: {@code + NAME} added, {@code - NAME} removed, {@code ~ NAME} changed. */
    public List<String> changeLines() {
        List<String> out = new ArrayList<>();
        added().forEach(r -> out.add("+ " + r));
        removed().forEach(r -> out.add("- " + r));
        changed().forEach(r -> out.add("~ " + r));
        return out;
    }

    /** Errors as {@code FILE:LINE:COL: message} lines. */
    public List<String> errors() {
        return lines(json.path("errors"));
    }

    public List<String> warnings() {
        return lines(json.path("warnings"));
    }

    public JsonNode json() {
        return json;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> lines(JsonNode issues) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : issues) {
            if (i.hasNonNull("text")) {
                out.add(i.get("text").asText());
            } else {
                out.add(i.path("file").asText() + ":" + i.path("line").asInt() + ":" + i.path("col").asInt() + ": "
                        + i.path("message").asText());
            }
        }
        return out;
    }

    /** One line for people: {@code activated version 3 (129 rules, 14 lists, 14 macros)} or {@code rejected}. */
    public String summary() {
        if (isShadowReport()) {
            return "rule in shadow '" + json.path("rule").asText() + "' raised " + json.path("alerts").asLong()
                    + " alerts from " + json.path("window_start").asText() + " to " + json.path("window_end").asText();
        }
        if (unchanged()) {
            return "activated version " + version() + " (unchanged)";
        }
        return activated() ? "activated version " + version() + " (" + rules() + " rules, " + lists() + " lists, "
                + macros() + " macros" + (shadowRules().isEmpty() ? "" : ", " + shadowRules().size() + " in shadow")
                + ")" : "rejected; version " + version() + " stays active";
    }
}
