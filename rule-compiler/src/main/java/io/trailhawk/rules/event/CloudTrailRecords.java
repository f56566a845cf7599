package io.trailhawk.rules.event;

import com.fasterxml.jackson.databind.JsonNode;

/** Which records the engine evaluates: the same filter as Falco's cloudtrail plugin. */
public final class CloudTrailRecords {
    /** The outcome of checking one JSON value that claims to be a CloudTrail record. */
    public enum Verdict {
        EVALUATE(null),
        /** Skipped as Falco skips it: not an error. */
        SKIP_NO_EVENT_TIME("record has no eventTime"),
        SKIP_NO_EVENT_TYPE("record has no eventType"),
        SKIP_INSIGHT("AwsCloudTrailInsight records are not evaluated"),
        /** Not a CloudTrail record at all: a dead letter. */
        MALFORMED("record is not a JSON object"),
        BAD_EVENT_TIME("eventTime is not an RFC 3339 time"),
        BAD_EVENT_TYPE("eventType is not a string");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }

        public boolean isSkip() {
            return this == SKIP_NO_EVENT_TIME || this == SKIP_NO_EVENT_TYPE || this == SKIP_INSIGHT;
        }
    }

    private CloudTrailRecords() {
    }

    public static Verdict check(JsonNode record) {
        if (record == null || !record.isObject()) {
            return Verdict.MALFORMED;
        }
        JsonNode time = record.get("eventTime");
        if (time == null) {
            return Verdict.SKIP_NO_EVENT_TIME;
        }
        if (!time.isTextual() || EventTime.parse(time.textValue()) == null) {
            return Verdict.BAD_EVENT_TIME;
        }
        JsonNode type = record.get("eventType");
        if (type == null) {
            return Verdict.SKIP_NO_EVENT_TYPE;
        }
        if (!type.isTextual()) {
            return Verdict.BAD_EVENT_TYPE;
        }
        if ("AwsCloudTrailInsight".equals(type.asText())) {
            return Verdict.SKIP_INSIGHT;
        }
        return Verdict.EVALUATE;
    }
}
