package io.trailhawk.rules.output;

import io.trailhawk.rules.event.EventTime;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Falco's JSON alert: {@code hostname}, {@code output} (with the {@code time: Priority} prefix),
 * {@code output_fields}, {@code priority}, {@code rule}, {@code source}, {@code tags}, {@code time}, keys in
 * alphabetical order as Falco prints them. One extra key, {@code trailhawk}, carries the event id, account and
 * region (and ruleset version in the job) so a SIEM can pivot without parsing the output.
 */
public final class AlertJson {
    private static final String EVT_TIME = "evt.time";

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

    /**
     * As {@link #render(Alert)}, adding the ruleset version that produced the alert. Written straight to text,
     * keys in order: {@link Alert#outputFields()} is sorted by name, and {@code evt.time} joins it in its place.
     */
    public String render(Alert a, Long rulesetVersion) {
        return new String(renderUtf8(a, rulesetVersion), StandardCharsets.UTF_8);
    }

    /** As {@link #render(Alert, Long)}, in UTF-8: what a sink sends, without a detour through a string. */
    public byte[] renderUtf8(Alert a, Long rulesetVersion) {
        return renderUtf8(a, rulesetVersion, false);
    }

    /**
     * The same; with {@code inShadow}, the alert of a rule in shadow, as the shadow topic carries it:
     * {@code "shadow": true} first, then the alert as it would be live. Falco JSON has no such member, so no live
     * alert carries it.
     */
    public byte[] renderUtf8(Alert a, Long rulesetVersion, boolean inShadow) {
        JsonBytes g = JsonBytes.ofThread();
        g.startObject();
        if (inShadow) {
            g.name("shadow").bool(true);
        }
        g.name("hostname").string(hostname);
        g.name("output").string(textLine(a));
        g.name("output_fields").startObject();
        boolean timeWritten = false;
        for (Map.Entry<String, Object> e : a.outputFields().entrySet()) {
            int order = e.getKey().compareTo(EVT_TIME);
            if (!timeWritten && order >= 0) {
                if (order > 0) {
                    g.name(EVT_TIME).number(a.timeNanos());
                }
                timeWritten = true;
            }
            writeValue(g, e.getKey(), e.getValue());
        }
        if (!timeWritten) {
            g.name(EVT_TIME).number(a.timeNanos());
        }
        g.endObject();
        g.name("priority").string(a.priority().longName());
        g.name("rule").string(a.rule());
        g.name("source").string(a.source());
        g.name("tags").startArray();
        for (String t : a.tags()) {
            g.string(t);
        }
        g.endArray();
        g.name("time").string(EventTime.utcTimestamp(a.timeNanos()));
        g.name("trailhawk").startObject();
        StatefulContext state = a.stateful().orElse(null);
        g.name("account_id").string(a.accountId());
        if (state != null) {
            g.name("count").number(state.count());
        }
        g.name("event_id").string(a.eventId());
        if (state != null) {
            writeStrings(g, "event_ids", state.eventIds());
            g.name("group").startObject();
            for (Map.Entry<String, String> e : state.group().entrySet()) {
                g.name(e.getKey()).string(e.getValue());
            }
            g.endObject();
            g.name("kind").string(state.kind());
        }
        g.name("region").string(a.region());
        if (rulesetVersion != null) {
            g.name("ruleset_version").number(rulesetVersion);
        }
        if (state != null) {
            writeStrings(g, "values", state.values());
            g.name("window_end").string(EventTime.utcTimestamp(state.windowEndNanos()));
            g.name("window_start").string(EventTime.utcTimestamp(state.windowStartNanos()));
        }
        g.endObject();
        g.endObject();
        return g.done();
    }

    private static void writeStrings(JsonBytes g, String key, List<String> values) {
        g.name(key).startArray();
        for (String v : values) {
            g.string(v);
        }
        g.endArray();
    }

    private static void writeValue(JsonBytes g, String key, Object v) {
        g.name(key);
        if (v == null) {
            g.nul();
        } else if (v instanceof Long) {
            // Falco's numeric fields are unsigned 64-bit.
            g.raw(Long.toUnsignedString((Long) v));
        } else if (v instanceof Boolean) {
            g.bool((Boolean) v);
        } else if (v instanceof List) {
            g.startArray();
            for (Object x : (List<?>) v) {
                g.string(String.valueOf(x));
            }
            g.endArray();
        } else {
            g.string(v.toString());
        }
    }
}
