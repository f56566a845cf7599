package io.trailhawk.rules.field;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.event.EventTime;
import java.util.ArrayList;
import java.util.List;

/** The json plugin's fields, and the {@code jevt.*} names that Cloud Connector rules used for the same things. */
final class JsonFields {
    private static final ObjectWriter PRETTY = new ObjectMapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private JsonFields() {
    }

    static List<FieldDefinition> definitions() {
        List<FieldDefinition> d = new ArrayList<>();
        for (String prefix : new String[] {"json", "jevt"}) {
            d.add(new FieldDefinition(prefix + ".value", FieldType.STRING, ArgMode.REQUIRED_KEY,
                    "the value at a JSON pointer: a string as is, anything else as compact JSON",
                    JsonFields::pointer, JsonFields::pointerReads));
            d.add(new FieldDefinition(prefix + ".obj", FieldType.STRING, ArgMode.NONE,
                    "the whole record, pretty-printed", arg -> JsonFields::pretty, arg -> WHOLE));
            d.add(new FieldDefinition(prefix + ".rawtime", FieldType.STRING, ArgMode.NONE,
                    "the event time in nanoseconds, as decimal text", arg -> e -> Long.toString(e.timeNanos()),
                    arg -> List.of()));
        }
        d.add(new FieldDefinition("jevt.time", FieldType.STRING, ArgMode.NONE,
                "event time, local HH:MM:SS.nnnnnnnnn (legacy)", arg -> e -> EventTime.localClock(e.timeNanos()),
                arg -> List.of()));
        d.add(new FieldDefinition("jevt.time.iso8601", FieldType.STRING, ArgMode.NONE,
                "event time, UTC ISO 8601 (legacy)", arg -> e -> EventTime.iso8601(e.timeNanos()), arg -> List.of()));
        return d;
    }

    private static String pretty(CloudTrailEvent e) {
        try {
            return PRETTY.writeValueAsString(e.record());
        } catch (JsonProcessingException ex) {
            return null;
        }
    }

    private static final List<String[]> WHOLE = List.<String[]>of(new String[0]);

    /** The members a pointer passes through; array indexes stay segments, and arrays are read whole. */
    private static List<String[]> pointerReads(String arg) {
        String p = arg.startsWith("/") ? arg.substring(1) : arg;
        if (p.isEmpty()) {
            return WHOLE;
        }
        String[] raw = p.split("/", -1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i].replace("~1", "/").replace("~0", "~");
        }
        return List.<String[]>of(raw);
    }

    /** Builds a reader for one pointer: split and unescaped once, here, not per event. */
    private static Extractor pointer(String arg) {
        String p = arg.startsWith("/") ? arg.substring(1) : arg;
        if (p.isEmpty()) {
            return e -> JsonPaths.valueText(e.record());
        }
        String[] raw = p.split("/", -1);
        String[] keys = new String[raw.length];
        int[] indexes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            keys[i] = raw[i].replace("~1", "/").replace("~0", "~");
            indexes[i] = keys[i].matches("[0-9]+") && keys[i].length() < 10 ? Integer.parseInt(keys[i]) : -1;
        }
        return e -> {
            JsonNode n = e.member(keys[0]);
            for (int i = 1; i < keys.length && n != null; i++) {
                if (n.isObject()) {
                    n = n.get(keys[i]);
                } else if (n.isArray()) {
                    n = indexes[i] >= 0 ? n.get(indexes[i]) : null;
                } else {
                    n = null;
                }
            }
            return n == null ? null : JsonPaths.valueText(n);
        };
    }
}
