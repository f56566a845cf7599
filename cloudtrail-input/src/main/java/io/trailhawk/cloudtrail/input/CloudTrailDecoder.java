package io.trailhawk.cloudtrail.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.event.EventTime;
import io.trailhawk.rules.event.CloudTrailRecords;
import io.trailhawk.rules.json.RecordLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Decodes one payload (a Kinesis or Kafka record, or a whole file) into CloudTrail records. A payload may be a
 * single record, a {@code {"Records":[...]}} batch, an EventBridge event carrying a record in {@code detail}, a
 * gzip CloudWatch Logs subscription message, gzip of any of these, or JSON lines of them. Stateless and
 * thread-safe.
 */
public final class CloudTrailDecoder {
    /** Largest payload accepted after gunzip, so a gzip bomb cannot exhaust memory. */
    public static final int MAX_INFLATED_BYTES = 256 * 1024 * 1024;

    private static final byte[] RECORDS = ascii("Records");
    private static final byte[] MESSAGE_TYPE = ascii("messageType");
    private static final byte[] DETAIL_TYPE = ascii("detail-type");
    private static final byte[] EVENT_TIME = ascii("eventTime");
    private static final byte[] EVENT_TYPE = ascii("eventType");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public void decode(byte[] payload, String origin, DecodeSink sink) {
        byte[] bytes = payload;
        if (isGzip(bytes)) {
            try {
                bytes = gunzip(bytes);
            } catch (IOException e) {
                sink.malformed(origin, "invalid gzip data: " + e.getMessage());
                return;
            }
        }
        int start = skipBlank(bytes, 0);
        if (start >= bytes.length) {
            return;
        }
        if (bytes == payload && bytes[start] == '{' && plainRecord(bytes, origin, sink)) {
            return;
        }
        JsonNode single;
        try {
            single = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            if (hasSeveralLines(bytes, start)) {
                decodeLines(bytes, origin, sink);
            } else {
                sink.malformed(at(origin, e.getLocation()), "malformed JSON: " + e.getOriginalMessage());
            }
            return;
        } catch (IOException e) {
            sink.malformed(origin, "unreadable input: " + e.getMessage());
            return;
        }
        value(single, bytes, origin, sink);
    }

    /**
     * The common stream case, one plain CloudTrail record per payload (direct producers, Kafka), recognised in one
     * pass over the top-level members without building a tree: by {@link RecordLayout}, which also checks the
     * JSON, or, for what it leaves to a parser, by Jackson's streaming parser. Returns false for anything else
     * (batches, envelopes, several values, malformed input), which the general path then decodes.
     */
    private static boolean plainRecord(byte[] bytes, String origin, DecodeSink sink) {
        RecordLayout layout = RecordLayout.scan(bytes);
        String eventTime = null;
        String eventType;
        long timeInPlace = Long.MIN_VALUE;
        if (layout != null) {
            if (layout.find(bytes, RECORDS) >= 0 || layout.find(bytes, MESSAGE_TYPE) >= 0
                    || layout.find(bytes, DETAIL_TYPE) >= 0) {
                return false;
            }
            int time = layout.find(bytes, EVENT_TIME);
            timeInPlace = time < 0 ? Long.MIN_VALUE : EventTime.parseAt(bytes, layout.valueStart(time));
            if (timeInPlace == Long.MIN_VALUE) {
                eventTime = layout.string(bytes, time);
            }
            eventType = layout.string(bytes, layout.find(bytes, EVENT_TYPE));
        } else {
            String[] timeAndType = timeAndTypeByParser(bytes);
            if (timeAndType == null) {
                return false;
            }
            eventTime = timeAndType[0];
            eventType = timeAndType[1];
        }
        Long nanos = timeInPlace != Long.MIN_VALUE ? Long.valueOf(timeInPlace)
                : eventTime == null ? null : EventTime.parse(eventTime);
        if (nanos == null || eventType == null || "AwsCloudTrailInsight".equals(eventType)) {
            return false;
        }
        sink.recordBytes(bytes, nanos, layout, origin);
        return true;
    }

    /** {eventTime, eventType} of a single valid JSON object that is not a batch or an envelope, else null. */
    private static String[] timeAndTypeByParser(byte[] bytes) {
        String[] out = new String[2];
        try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "Records":
                    case "messageType":
                    case "detail-type":
                        return null;
                    case "eventTime":
                        out[0] = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "eventType":
                        out[1] = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return out;
    }

    private static byte[] ascii(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The tree of one record's bytes, as the general path builds it. */
    static JsonNode parseRecord(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    private void decodeLines(byte[] bytes, String origin, DecodeSink sink) {
        int line = 1;
        int i = 0;
        while (i < bytes.length) {
            int end = i;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (skipBlank(bytes, i) < end) {
                decodeLine(java.util.Arrays.copyOfRange(bytes, i, end), origin + ":" + line, sink);
            }
            line++;
            i = end + 1;
        }
    }

    /** One line of JSON lines: a plain record as its bytes, as a stream payload is, or else whatever it holds. */
    private void decodeLine(byte[] line, String pos, DecodeSink sink) {
        if (line[skipBlank(line, 0)] == '{' && plainRecord(line, pos, sink)) {
            return;
        }
        try {
            value(MAPPER.readTree(line), line, pos, sink);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            sink.malformed(l == null ? pos : pos + ":" + l.getColumnNr(), "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            sink.malformed(pos, "unreadable input: " + e.getMessage());
        }
    }

    private void value(JsonNode node, byte[] bytes, String origin, DecodeSink sink) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                record(node.get(i), origin + " [" + i + "]", sink);
            }
            return;
        }
        if (!node.isObject()) {
            sink.malformed(origin, "expected a JSON object, found " + node.getNodeType().name().toLowerCase());
            return;
        }
        JsonNode records = node.get("Records");
        if (records != null && !records.isArray()) {
            sink.malformed(origin, "Records is not an array");
            return;
        }
        if (records != null) {
            for (int i = 0; i < records.size(); i++) {
                JsonNode r = records.get(i);
                if (CloudTrailRecords.check(r) == CloudTrailRecords.Verdict.EVALUATE) {
                    sink.record(r, origin + " Records[" + i + "]");
                } else {
                    record(r, recordsPosition(bytes, origin, i), sink);
                }
            }
            return;
        }
        JsonNode messageType = node.get("messageType");
        if (messageType != null && messageType.isTextual() && node.has("logEvents")) {
            logsSubscription(node, origin, sink);
            return;
        }
        JsonNode detailType = node.get("detail-type");
        if (detailType != null && node.has("detail")) {
            String type = detailType.asText();
            if (!type.endsWith("via CloudTrail")) {
                sink.malformed(origin, "EventBridge event of detail-type '" + type + "' does not carry a CloudTrail "
                        + "record");
                return;
            }
            record(node.get("detail"), origin + " detail", sink);
            return;
        }
        record(node, origin, sink);
    }

    private void logsSubscription(JsonNode node, String origin, DecodeSink sink) {
        String type = node.get("messageType").asText();
        if ("CONTROL_MESSAGE".equals(type)) {
            sink.skipped(origin, "CloudWatch Logs control message");
            return;
        }
        if (!"DATA_MESSAGE".equals(type)) {
            sink.malformed(origin, "CloudWatch Logs message of unknown type '" + type + "'");
            return;
        }
        JsonNode events = node.get("logEvents");
        if (!events.isArray()) {
            sink.malformed(origin, "CloudWatch Logs logEvents is not an array");
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            String pos = origin + " logEvents[" + i + "]";
            JsonNode message = events.get(i).get("message");
            if (message == null || !message.isTextual()) {
                sink.malformed(pos, "log event has no message");
                continue;
            }
            try {
                record(MAPPER.readTree(message.textValue()), pos, sink);
            } catch (JsonProcessingException e) {
                sink.malformed(pos, "log event message is not JSON: " + e.getOriginalMessage());
            }
        }
    }

    private static void record(JsonNode r, String position, DecodeSink sink) {
        CloudTrailRecords.Verdict v = CloudTrailRecords.check(r);
        if (v == CloudTrailRecords.Verdict.EVALUATE) {
            sink.record(r, position);
        } else if (v.isSkip()) {
            sink.skipped(position, v.reason());
        } else {
            sink.malformed(position, v.reason());
        }
    }

    /** Where the i-th element of {@code Records} starts, found again only when that element needs reporting. */
    private static String recordsPosition(byte[] bytes, String origin, int index) {
        try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return origin + " Records[" + index + "]";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("Records".equals(name) && t == JsonToken.START_ARRAY) {
                    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                        if (i == index) {
                            return at(origin, p.currentTokenLocation()) + " Records[" + index + "]";
                        }
                        p.skipChildren();
                    }
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // Fall through to the index alone.
        }
        return origin + " Records[" + index + "]";
    }

    private static String at(String origin, JsonLocation l) {
        return l == null ? origin : origin + ":" + l.getLineNr() + ":" + l.getColumnNr();
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    static byte[] gunzip(byte[] b) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, b.length * 4));
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_INFLATED_BYTES) {
                    throw new IOException("inflates to more than " + MAX_INFLATED_BYTES + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static int skipBlank(byte[] b, int from) {
        int i = from;
        if (i == 0 && b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static boolean hasSeveralLines(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n' && skipBlank(b, i) < b.length) {
                return true;
            }
        }
        return false;
    }
}
