package io.trailhawk.formats;

import io.trailhawk.rules.output.JsonBytes;
import java.util.List;

/** What every format writes the same way: members only when known, texts within a length, addresses told apart. */
final class JsonFields {
    private JsonFields() {
    }

    /** {@code name: value}, or nothing when the value is not known. */
    static void optional(JsonBytes g, String name, String value) {
        if (value != null) {
            g.name(name).string(value);
        }
    }

    static void strings(JsonBytes g, String name, List<String> values) {
        g.name(name).startArray();
        for (String v : values) {
            g.string(v);
        }
        g.endArray();
    }

    /** {@code s} cut to {@code max} characters, ending in an ellipsis when cut. */
    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    /**
     * Whether CloudTrail's {@code sourceIPAddress} holds an address, not the name of the AWS service that made
     * the call ({@code cloudtrail.amazonaws.com}, {@code AWS Internal}).
     */
    static boolean isIpAddress(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        boolean colon = s.indexOf(':') >= 0;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(c >= '0' && c <= '9' || colon && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return colon || dots == 3;
    }
}
