package io.trailhawk.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Status records read back from a status topic. */
public final class Statuses {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Statuses() {
    }

    /** Every status record, in order, once at least {@code n} answer control records (not the job's start). */
    public static List<JsonNode> ofUpdates(EmbeddedKafka kafka, String topic, Duration wait, int n) {
        List<JsonNode> out = new ArrayList<>();
        for (String s : kafka.readUntil(topic, wait, l -> updates(parse(l)).size() >= n)) {
            out.add(parse(s));
        }
        return updates(out);
    }

    /** The status records the job wrote as it started, in order. */
    public static List<JsonNode> ofStarts(EmbeddedKafka kafka, String topic, Duration wait, int n) {
        List<JsonNode> out = new ArrayList<>();
        for (String s : kafka.readUntil(topic, wait, l -> starts(parse(l)).size() >= n)) {
            out.add(parse(s));
        }
        return starts(out);
    }

    private static List<JsonNode> updates(List<JsonNode> all) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : all) {
            if (!isStart(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<JsonNode> starts(List<JsonNode> all) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : all) {
            if (isStart(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isStart(JsonNode s) {
        return "start".equals(s.path("trigger").path("action").asText());
    }

    private static List<JsonNode> parse(List<String> values) {
        List<JsonNode> out = new ArrayList<>();
        for (String v : values) {
            out.add(parse(v));
        }
        return out;
    }

    private static JsonNode parse(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException("status record is not JSON: " + s, e);
        }
    }
}
