package io.trailhawk.cloudtrail.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CloudTrailDecoderTest {
    private static final String REC = "{\"eventTime\":\"2023-07-10T12:00:00Z\",\"eventType\":\"AwsApiCall\","
            + "\"eventName\":\"%s\"}";

    static final class Collected implements DecodeSink {
        final List<String> names = new ArrayList<>();
        final List<String> positions = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();

        @Override
        public void record(JsonNode record, String position) {
            names.add(record.get("eventName").asText());
            positions.add(position);
        }

        @Override
        public void skipped(String position, String reason) {
            skipped.add(position + ": " + reason);
        }

        @Override
        public void malformed(String position, String reason) {
            malformed.add(position + ": " + reason);
        }
    }

    private static Collected decode(byte[] bytes) {
        Collected c = new Collected();
        new CloudTrailDecoder().decode(bytes, "in", c);
        return c;
    }

    private static Collected decode(String text) {
        return decode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String rec(String name) {
        return String.format(REC, name);
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    @Test
    void decode_singleRecord() {
        assertThat(decode(rec("A")).names).containsExactly("A");
    }

    @Test
    void decode_recordsBatch() {
        Collected c = decode("{\"Records\":[" + rec("A") + "," + rec("B") + "]}");
        assertThat(c.names).containsExactly("A", "B");
        assertThat(c.positions).containsExactly("in Records[0]", "in Records[1]");
    }

    @Test
    void decode_jsonLines_withAMalformedLineInTheMiddle() {
        Collected c = decode(rec("A") + "\n{\"eventTime\": oops\n\n" + rec("C") + "\n");
        assertThat(c.names).containsExactly("A", "C");
        assertThat(c.malformed).singleElement().asString().startsWith("in:2:");
    }

    @Test
    void decode_eventBridgeEnvelope() {
        Collected c = decode("{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.s3\","
                + "\"detail\":" + rec("PutBucketAcl") + "}");
        assertThat(c.names).containsExactly("PutBucketAcl");
        Collected other = decode("{\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{}}");
        assertThat(other.malformed).singleElement().asString().contains("does not carry a CloudTrail record");
    }

    @Test
    void decode_gzipCloudWatchLogsSubscription() throws Exception {
        String data = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":" + quote(rec("A")) + "},"
                + "{\"id\":\"2\",\"timestamp\":1,\"message\":" + quote(rec("B")) + "}]}";
        assertThat(decode(gzip(data)).names).containsExactly("A", "B");
        Collected control = decode(gzip("{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"message\":\"hi\"}]}"));
        assertThat(control.names).isEmpty();
        assertThat(control.skipped).hasSize(1);
        assertThat(control.malformed).isEmpty();
    }

    @Test
    void decode_gzipOfRecordsBatch() throws Exception {
        assertThat(decode(gzip("{\"Records\":[" + rec("A") + "]}")).names).containsExactly("A");
    }

    @Test
    void decode_skipsInsightsAndRecordsWithoutTimeOrType_butNotBadTimes() {
        Collected c = decode("{\"Records\":[{\"eventTime\":\"2023-07-10T12:00:00Z\",\"eventType\":"
                + "\"AwsCloudTrailInsight\"},{\"eventType\":\"AwsApiCall\"},{\"eventTime\":\"2023-07-10T12:00:00Z\"},"
                + "{\"eventTime\":\"yesterday\",\"eventType\":\"AwsApiCall\"}," + rec("A") + "]}");
        assertThat(c.names).containsExactly("A");
        assertThat(c.skipped).hasSize(3);
        assertThat(c.malformed).singleElement().asString().contains("eventTime is not an RFC 3339 time");
    }

    @Test
    void decode_wrongTypesAreMalformed() {
        assertThat(decode("{\"Records\":\"nope\"}").malformed).singleElement().asString()
                .contains("Records is not an array");
        assertThat(decode("{\"eventTime\":5,\"eventType\":\"AwsApiCall\"}").malformed).singleElement().asString()
                .contains("eventTime is not an RFC 3339 time");
        assertThat(decode("{\"eventTime\":\"2023-07-10T12:00:00Z\",\"eventType\":[]}").malformed)
                .singleElement().asString().contains("eventType is not a string");
    }

    @Test
    void decode_garbage() {
        assertThat(decode(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}).malformed).singleElement().asString()
                .contains("invalid gzip data");
        assertThat(decode("{\"Records\": [").malformed).singleElement().asString().startsWith("in:1:");
        assertThat(decode("42").malformed).singleElement().asString().contains("expected a JSON object");
        assertThat(decode("{\"Records\":[17]}").malformed).singleElement().asString().contains("not a JSON object");
        assertThat(decode("   ").names).isEmpty();
    }

    @Test
    void decode_positionOfABadBatchElement() {
        Collected c = decode("{\"Records\":[" + rec("A") + ",\n  \"nope\"]}");
        assertThat(c.malformed).containsExactly("in:2:3 Records[1]: record is not a JSON object");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
