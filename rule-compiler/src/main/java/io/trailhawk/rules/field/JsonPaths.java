package io.trailhawk.rules.field;

import com.fasterxml.jackson.databind.JsonNode;

/** Navigation below a record, with the plugin's notion of a present value. */
final class JsonPaths {
    private JsonPaths() {
    }

    static JsonNode at(JsonNode root, String... path) {
        JsonNode n = root;
        for (String key : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(key);
        }
        return n;
    }

    /**
     * The plugin's string read: absent when the path is missing; the text of a string; and {@code ""} for any other
     * JSON value, which still counts as present.
     */
    static String str(JsonNode root, String... path) {
        JsonNode n = at(root, path);
        if (n == null) {
            return null;
        }
        return n.isTextual() ? n.textValue() : "";
    }

    /** Compact JSON text of the value at the path, or null when missing. */
    static String compact(JsonNode root, String... path) {
        JsonNode n = at(root, path);
        return n == null ? null : n.toString();
    }

    /** JSON text for a value: the raw string for a string, compact JSON for anything else. */
    static String valueText(JsonNode n) {
        return n.isTextual() ? n.textValue() : n.toString();
    }
}
