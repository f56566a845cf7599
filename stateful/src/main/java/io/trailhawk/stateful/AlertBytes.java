package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.output.Alert;
import java.util.Map;
import java.util.SortedSet;

/**
 * A match kept in state until its rule alerts for it: what the event gave (output, output fields, time, IDs).
 * The rule's name, priority and tags come from the ruleset when it alerts, so a kept match takes what the rule
 * says then.
 */
final class AlertBytes {
    private AlertBytes() {
    }

    static void write(Alert a, StateBytes.Writer w) {
        w.putString(a.output()).putFields(a.outputFields()).putLong(a.timeNanos()).putString(a.eventId())
                .putString(a.accountId()).putString(a.region());
    }

    static Alert read(StateBytes.Reader r, CompiledRule rule) {
        return read(r, rule.name(), rule.priority(), rule.source(), rule.tags());
    }

    static Alert read(StateBytes.Reader r, String rule, Priority priority, String source, SortedSet<String> tags) {
        String output = r.getString();
        Map<String, Object> fields = r.getFields();
        long time = r.getLong();
        return Alert.of(rule, priority, source, tags, output, fields, time, r.getString(), r.getString(),
                r.getString(), null);
    }
}
