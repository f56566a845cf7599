package io.trailhawk.job.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** CloudTrail records and the payload shapes they arrive in, for tests. */
public final class Events {
    private Events() {
    }

    public static String record(String eventName, String eventId) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"mallory\","
                + "\"accountId\":\"123456789012\"},\"eventTime\":\"2023-07-10T12:00:00Z\",\"eventSource\":"
                + "\"cloudtrail.amazonaws.com\",\"eventName\":\"" + eventName + "\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"203.0.113.5\",\"userAgent\":\"aws-cli/2\",\"requestParameters\":{\"name\":"
                + "\"main\"},\"responseElements\":null,\"eventID\":\"" + eventId + "\",\"eventType\":\"AwsApiCall\","
                + "\"recipientAccountId\":\"123456789012\"}";
    }

    /** A record by {@code user} at {@code time} (RFC 3339). */
    public static String recordAt(String eventName, String eventId, String user, String time) {
        return record(eventName, eventId).replace("\"userName\":\"mallory\"", "\"userName\":\"" + user + "\"")
                .replace("2023-07-10T12:00:00Z", time);
    }

    public static String batch(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    public static String eventBridge(String record) {
        return "{\"version\":\"0\",\"id\":\"eb-1\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":"
                + "\"aws.cloudtrail\",\"account\":\"123456789012\",\"region\":\"us-east-1\",\"detail\":" + record + "}";
    }

    public static byte[] cloudWatchLogs(String... records) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < records.length; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"timestamp\":1,\"message\":")
                    .append(quote(records[i])).append('}');
        }
        return gzip("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"trail\","
                + "\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],\"logEvents\":[" + events + "]}");
    }

    public static byte[] gzip(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
