package io.trailhawk.rules.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.trailhawk.rules.event.EventTime;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Falco's JSON alert: {@code hostname}, {@code output} (with the {@code time: Priority} prefix),
 * {@code output_fields}, {@code priority}, {@code rule}, {@code source}, {@code tags}, {@code time}, keys in
 * alphabetical order as Falco prints them. One extra key, {@code trailhawk}, carries the event id, account and
 * region (and ruleset version in the job) so a SIEM can pivot without parsing the output.
 */
public final class AlertJson {
    private static final JsonFactory JSON = new JsonFactory();
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
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, a, rulesetVersion);
        } catch (IOException e) {
            throw new UncheckedIOException("alert JSON", e);
        }
        return out.toString();
    }

    /** As {@link #render(Alert, Long)}, in UTF-8: what a sink sends, without a detour through a string. */
    public byte[] renderUtf8(Alert a, Long rulesetVersion) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, a, rulesetVersion);
        } catch (IOException e) {
            throw new UncheckedIOException("alert JSON", e);
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator g, Alert a, Long rulesetVersion) throws IOException {
        g.writeStartObject();
        g.writeStringField("hostname", hostname);
        g.writeStringField("output", textLine(a));
        g.writeObjectFieldStart("output_fields");
        boolean timeWritten = false;
        for (Map.Entry<String, Object> e : a.outputFields().entrySet()) {
            int order = e.getKey().compareTo(EVT_TIME);
            if (!timeWritten && order >= 0) {
                if (order > 0) {
                    g.writeNumberField(EVT_TIME, a.timeNanos());
                }
                timeWritten = true;
            }
            writeValue(g, e.getKey(), e.getValue());
        }
        if (!timeWritten) {
            g.writeNumberField(EVT_TIME, a.timeNanos());
        }
        g.writeEndObject();
        g.writeStringField("priority", a.priority().longName());
        g.writeStringField("rule", a.rule());
        g.writeStringField("source", a.source());
        g.writeArrayFieldStart("tags");
        for (String t : a.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeStringField("time", EventTime.utcTimestamp(a.timeNanos()));
        g.writeObjectFieldStart("trailhawk");
        StatefulContext state = a.stateful().orElse(null);
        g.writeStringField("account_id", a.accountId());
        if (state != null) {
            g.writeNumberField("count", state.count());
        }
        g.writeStringField("event_id", a.eventId());
        if (state != null) {
            writeStrings(g, "event_ids", state.eventIds());
            g.writeObjectFieldStart("group");
            for (Map.Entry<String, String> e : state.group().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("kind", state.kind());
        }
        g.writeStringField("region", a.region());
        if (rulesetVersion != null) {
            g.writeNumberField("ruleset_version", rulesetVersion);
        }
        if (state != null) {
            writeStrings(g, "values", state.values());
            g.writeStringField("window_end", EventTime.utcTimestamp(state.windowEndNanos()));
            g.writeStringField("window_start", EventTime.utcTimestamp(state.windowStartNanos()));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String key, List<String> values) throws IOException {
        g.writeArrayFieldStart(key);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeValue(JsonGenerator g, String key, Object v) throws IOException {
        g.writeFieldName(key);
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long) {
            // Falco's numeric fields are unsigned 64-bit.
            long n = (Long) v;
            if (n >= 0) {
                g.writeNumber(n);
            } else {
                g.writeNumber(new BigInteger(Long.toUnsignedString(n)));
            }
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object x : (List<?>) v) {
                g.writeString(String.valueOf(x));
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}
