package io.trailhawk.rules.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.event.CloudTrailEvent;

/** Navigation below a record, with the plugin's notion of a present value. */
final class JsonPaths {
    private JsonPaths() {
    }

    static JsonNode at(JsonNode root, String... path) {
        return below(root, path, 0);
    }

    /** The value at a path from the record's top level; only the top-level member on the path is built. */
    static JsonNode at(CloudTrailEvent e, String... path) {
        return below(e.member(path[0]), path, 1);
    }

    private static JsonNode below(JsonNode from, String[] path, int first) {
        JsonNode n = from;
        for (int i = first; i < path.length; i++) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(path[i]);
        }
        return n;
    }

    /**
     * The plugin's string read: absent when the path is missing; the text of a string; and {@code ""} for any other
     * JSON value, which still counts as present.
     */
    static String str(JsonNode root, String... path) {
        return present(at(root, path));
    }

    static String str(CloudTrailEvent e, String... path) {
        return present(at(e, path));
    }

    private static String present(JsonNode n) {
        if (n == null) {
            return null;
        }
        return n.isTextual() ? n.textValue() : "";
    }

    /** Compact JSON text of the value at the path, or null when missing. */
    static String compact(CloudTrailEvent e, String... path) {
        JsonNode n = at(e, path);
        return n == null ? null : n.toString();
    }

    /** JSON text for a value: the raw string for a string, compact JSON for anything else. */
    static String valueText(JsonNode n) {
        return n.isTextual() ? n.textValue() : n.toString();
    }
}
