package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.EventFacts;
import java.util.ArrayList;
import java.util.List;
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
        EventFacts f = a.facts();
        if (!f.isEmpty()) {
            // Last, so that bytes written before the facts were kept read as they did: without them.
            w.putStrings(f.values());
            w.putInt(f.resources().size());
            for (EventFacts.Resource r : f.resources()) {
                w.putString(r.arn).putString(r.type).putString(r.accountId);
            }
        }
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
        String eventId = r.getString();
        String accountId = r.getString();
        String region = r.getString();
        EventFacts facts = EventFacts.NONE;
        if (r.remaining() > 0) {
            List<String> values = r.getStrings();
            int n = r.getInt();
            List<EventFacts.Resource> resources = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                resources.add(new EventFacts.Resource(r.getString(), r.getString(), r.getString()));
            }
            facts = EventFacts.of(values, resources);
        }
        return Alert.of(rule.name(), rule.priority(), rule.source(), rule.tags(), output, fields, time, eventId,
                accountId, region, null, facts);
    }
}
