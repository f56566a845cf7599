package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import java.util.Map;

/**
 * A match kept until its rule alerts for it: what the event gave (output, output fields, time, IDs). The rule's
 * name, priority and tags come from the ruleset when it alerts, so a kept match takes what the rule says then.
 */
final class AlertBytes {
    private AlertBytes() {
    }

    static void write(Alert a, StateBytes.Writer w) {
        w.putString(a.output()).putFields(a.outputFields()).putLong(a.timeNanos()).putString(a.eventId())
                .putString(a.accountId()).putString(a.region());
    }

    /** {@link #write} alone, with no format byte before it. */
    static byte[] encode(Alert a) {
        StateBytes.Writer w = StateBytes.Writer.unformatted();
        write(a, w);
        return w.toBytes();
    }

    static Alert read(StateBytes.Reader r, CompiledRule rule) {
        String output = r.getString();
        Map<String, Object> fields = r.getFields();
        long time = r.getLong();
        return Alert.of(rule.name(), rule.priority(), rule.source(), rule.tags(), output, fields, time, r.getString(),
                r.getString(), r.getString(), null);
    }
}
