package io.trailhawk.stateful;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.output.Alert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A match kept in state until its rule alerts for it: what the event gave (output, output fields, time, IDs).
 * The rule's name, priority and tags come from the ruleset when it alerts, so a kept match takes what the rule
 * says then.
 */
final class AlertBytes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private AlertBytes() {
    }

    static void write(Alert a, StateBytes.Writer w) {
        String fields;
        try {
            fields = JSON.writeValueAsString(a.outputFields());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        w.putString(a.output()).putString(fields).putLong(a.timeNanos()).putString(a.eventId())
                .putString(a.accountId()).putString(a.region());
    }

    static Alert read(StateBytes.Reader r, CompiledRule rule) {
        return read(r, rule.name(), rule.priority(), rule.source(), rule.tags());
    }

    static Alert read(StateBytes.Reader r, String rule, Priority priority, String source, SortedSet<String> tags) {
        String output = r.getString();
        Map<String, Object> fields;
        try {
            fields = JSON.readValue(r.getString(), FIELDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // JSON reads whole numbers back as the smallest type that holds them; output fields hold them as longs.
        fields.replaceAll((k, v) -> v instanceof Integer ? Long.valueOf((Integer) v) : v);
        long time = r.getLong();
        return Alert.of(rule, priority, source, tags, output, fields, time,
                r.getString(), r.getString(), r.getString(), null);
    }
}
