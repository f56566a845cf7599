package io.trailhawk.rules.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.rules.Alert;
import io.trailhawk.rules.event.EventTime;
import java.util.List;
import java.util.Map;

/**
 * Falco's JSON alert: {@code hostname}, {@code output} (with the {@code time: Priority} prefix),
 * {@code output_fields}, {@code priority}, {@code rule}, {@code source}, {@code tags}, {@code time}, keys in
 * alphabetical order as Falco prints them. One extra key, {@code trailhawk}, carries the event id, account and
 * region (and ruleset version in the job) so a SIEM can pivot without parsing the output.
 */
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String hostname;

    public AlertJson(String hostname) {
        this.hostname = hostname;
    }

    /** The text line Falco prints: {@code HH:MM:SS.nnnnnnnnn: Priority output}. */
    public static String textLine(Alert a) {
        return EventTime.localClock(a.timeNanos()) + ": " + a.priority().longName() + " " + a.output();
    }

    public String render(Alert a) {
        return render(a, null);
    }

    /** As {@link #render(Alert)}, adding the ruleset version that produced the alert. */
    public String render(Alert a, Long rulesetVersion) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("hostname", hostname);
        o.put("output", textLine(a));
        ObjectNode fields = o.putObject("output_fields");
        fields.put("evt.time", a.timeNanos());
        for (Map.Entry<String, Object> e : a.outputFields().entrySet()) {
            putValue(fields, e.getKey(), e.getValue());
        }
        o.put("priority", a.priority().longName());
        o.put("rule", a.rule());
        o.put("source", a.source());
        o.putArray("tags").addAll(a.tags().stream().map(o::textNode).collect(java.util.stream.Collectors.toList()));
        o.put("time", EventTime.utcTimestamp(a.timeNanos()));
        ObjectNode th = o.putObject("trailhawk");
        th.put("account_id", a.accountId());
        th.put("event_id", a.eventId());
        th.put("region", a.region());
        if (rulesetVersion != null) {
            th.put("ruleset_version", rulesetVersion);
        }
        sortFields(fields);
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert JSON", e);
        }
    }

    private static void putValue(ObjectNode fields, String key, Object v) {
        if (v == null) {
            fields.putNull(key);
        } else if (v instanceof Long) {
            fields.put(key, new java.math.BigInteger(Long.toUnsignedString((Long) v)));
        } else if (v instanceof Boolean) {
            fields.put(key, (Boolean) v);
        } else if (v instanceof List) {
            var arr = fields.putArray(key);
            for (Object x : (List<?>) v) {
                arr.add(String.valueOf(x));
            }
        } else {
            fields.put(key, v.toString());
        }
    }

    private static void sortFields(ObjectNode fields) {
        java.util.TreeMap<String, com.fasterxml.jackson.databind.JsonNode> sorted = new java.util.TreeMap<>();
        fields.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        fields.removeAll();
        sorted.forEach(fields::set);
    }
}
