package io.trailhawk.stateful;

import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A stateful rule's match as bytes, whole (the alert it would be, and its context), for a host that carries matches
 * from the evaluator to the keyed state across a network, as the job does.
 */
public final class MatchBytes {
    private static final int FORMAT = 16;

    private MatchBytes() {
    }

    public static byte[] encode(Alert match) {
        StatefulContext c = match.stateful().orElseThrow(() -> new IllegalArgumentException("not a stateful match"));
        StateBytes.Writer w = new StateBytes.Writer(FORMAT).putString(match.rule())
                .putString(match.priority().longName()).putString(match.source())
                .putStrings(List.copyOf(match.tags()));
        AlertBytes.write(match, w);
        w.putString(c.kind()).putStrings(List.copyOf(c.group().keySet())).putStrings(List.copyOf(c.group().values()))
                .putLong(c.count()).putLong(c.windowStartNanos()).putLong(c.windowEndNanos()).putStrings(c.values())
                .putStrings(c.eventIds());
        return w.toBytes();
    }

    public static Alert decode(byte[] bytes) {
        StateBytes.Reader r = new StateBytes.Reader(bytes, FORMAT);
        String rule = r.getString();
        Priority priority = Priority.parse(r.getString());
        String source = r.getString();
        TreeSet<String> tags = new TreeSet<>(r.getStrings());
        Alert a = AlertBytes.read(r, rule, priority, source, tags);
        String kind = r.getString();
        List<String> names = r.getStrings();
        List<String> values = r.getStrings();
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            group.put(names.get(i), values.get(i));
        }
        StatefulContext c = new StatefulContext(kind, group, r.getLong(), r.getLong(), r.getLong(), r.getStrings(),
                r.getStrings());
        return a.withStateful(c, a.output(), a.timeNanos());
    }
}
