package io.trailhawk.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.control.StatusRecord;

/** How the local pipeline shows alerts and rule activity to a person at a terminal. */
final class AlertFormat {
    private AlertFormat() {
    }

    /** {@code 2023-07-10T12:00:00Z  CRITICAL  Rule name  rule output} */
    static String alert(JsonNode a) {
        String time = a.path("time").asText();
        if (time.length() > 19) {
            time = time.substring(0, 19) + "Z";
        }
        return time + "  " + pad(a.path("priority").asText().toUpperCase(java.util.Locale.ROOT), 13) + " "
                + a.path("rule").asText() + ": "
                // Folded YAML outputs may hold line breaks; a terminal line reads better without them.
                + a.path("output").asText().replaceFirst("^[0-9:.]+: \\w+ ", "").replaceAll("\\s*\n\\s*", " ");
    }

    static String status(StatusRecord s) {
        if (s.isShadowReport()) {
            return "rules: " + s.summary();
        }
        StringBuilder sb = new StringBuilder("rules: ");
        if (s.file() != null) {
            sb.append(s.file()).append(' ');
        }
        sb.append(s.summary());
        for (String e : s.errors()) {
            sb.append("\n  ").append(e);
        }
        s.changeLines().forEach(c -> sb.append("\n  ").append(c));
        return sb.toString();
    }

    private static String pad(String s, int n) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < n) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
