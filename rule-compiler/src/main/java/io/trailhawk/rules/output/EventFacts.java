package io.trailhawk.rules.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an alert's formats other than Falco JSON say of the event behind it: the API call, who made it, from where,
 * and the resources it named, read from the CloudTrail record when the alert is made. Falco JSON does not use them,
 * so they are read only when a ruleset is compiled to keep them ({@code RuleCompiler.Builder.setEventFacts}).
 * Immutable; every value may be null.
 */
public final class EventFacts {
    /** The record members these are read from, for the ruleset's projection. */
    public static final List<String[]> READS = List.of(new String[] {"eventType"}, new String[] {"requestID"},
            new String[] {"sourceIPAddress"}, new String[] {"userAgent"}, new String[] {"errorCode"},
            new String[] {"errorMessage"}, new String[] {"userIdentity"}, new String[] {"resources"});

    /** How many values there are: their order is the form {@link #values()} and {@link #of(List, List)} share. */
    public static final int FIELDS = 17;
    /** None known: what an alert carries when its ruleset keeps no facts, or a match kept before they existed. */
    public static final EventFacts NONE = new EventFacts(new String[FIELDS], List.of());

    /** A resource the record names, as CloudTrail's {@code resources} lists them. */
    public static final class Resource {
        public final String arn;
        /** CloudTrail's type, such as {@code AWS::S3::Bucket}. */
        public final String type;
        public final String accountId;

        public Resource(String arn, String type, String accountId) {
            this.arn = arn;
            this.type = type;
            this.accountId = accountId;
        }
    }

    static final int EVENT_NAME = 0;
    static final int EVENT_SOURCE = 1;
    static final int EVENT_TYPE = 2;
    static final int REQUEST_ID = 3;
    static final int SOURCE_IP = 4;
    static final int USER_AGENT = 5;
    static final int ERROR_CODE = 6;
    static final int ERROR_MESSAGE = 7;
    static final int USER_TYPE = 8;
    static final int USER_ARN = 9;
    static final int USER_NAME = 10;
    static final int PRINCIPAL_ID = 11;
    static final int USER_ACCOUNT = 12;
    static final int ACCESS_KEY_ID = 13;
    static final int MFA = 14;
    static final int INVOKED_BY = 15;
    static final int SESSION_ISSUER_ARN = 16;

    private final String[] values;
    private final List<Resource> resources;

    private EventFacts(String[] values, List<Resource> resources) {
        this.values = values;
        this.resources = Collections.unmodifiableList(resources);
    }

    /** The facts of {@code event}. */
    public static EventFacts of(CloudTrailEvent event) {
        String[] v = new String[FIELDS];
        v[EVENT_NAME] = event.text("eventName");
        v[EVENT_SOURCE] = event.text("eventSource");
        v[EVENT_TYPE] = event.text("eventType");
        v[REQUEST_ID] = event.text("requestID");
        v[SOURCE_IP] = event.text("sourceIPAddress");
        v[USER_AGENT] = event.text("userAgent");
        v[ERROR_CODE] = event.text("errorCode");
        v[ERROR_MESSAGE] = event.text("errorMessage");
        JsonNode id = event.member("userIdentity");
        if (id != null && id.isObject()) {
            v[USER_TYPE] = text(id, "type");
            v[USER_ARN] = text(id, "arn");
            v[PRINCIPAL_ID] = text(id, "principalId");
            v[USER_ACCOUNT] = text(id, "accountId");
            v[ACCESS_KEY_ID] = text(id, "accessKeyId");
            v[INVOKED_BY] = text(id, "invokedBy");
            JsonNode context = id.path("sessionContext");
            v[MFA] = text(context.path("attributes"), "mfaAuthenticated");
            v[SESSION_ISSUER_ARN] = text(context.path("sessionIssuer"), "arn");
            // As ct.user does: the user's name, else the name of the role or user whose session this is.
            v[USER_NAME] = text(id, "userName") != null ? text(id, "userName")
                    : text(context.path("sessionIssuer"), "userName");
        }
        List<Resource> resources = new ArrayList<>();
        JsonNode r = event.member("resources");
        if (r != null && r.isArray()) {
            for (JsonNode each : r) {
                if (text(each, "ARN") != null) {
                    resources.add(new Resource(text(each, "ARN"), text(each, "type"), text(each, "accountId")));
                }
            }
        }
        return new EventFacts(v, resources);
    }

    /** From {@link #values()} and {@link #resources()}, as kept in bytes; values beyond those given are null. */
    public static EventFacts of(List<String> values, List<Resource> resources) {
        String[] v = new String[FIELDS];
        for (int i = 0; i < Math.min(FIELDS, values.size()); i++) {
            v[i] = values.get(i);
        }
        return new EventFacts(v, new ArrayList<>(resources));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** Every value, in a fixed order, for keeping them as bytes. */
    public List<String> values() {
        return Collections.unmodifiableList(java.util.Arrays.asList(values));
    }

    public List<Resource> resources() {
        return resources;
    }

    public boolean isEmpty() {
        for (String v : values) {
            if (v != null) {
                return false;
            }
        }
        return resources.isEmpty();
    }

    public String eventName() {
        return values[EVENT_NAME];
    }

    /** The service, such as {@code iam.amazonaws.com}. */
    public String eventSource() {
        return values[EVENT_SOURCE];
    }

    public String eventType() {
        return values[EVENT_TYPE];
    }

    public String requestId() {
        return values[REQUEST_ID];
    }

    /** An IP address, or the name of the AWS service that made the call. */
    public String sourceIp() {
        return values[SOURCE_IP];
    }

    public String userAgent() {
        return values[USER_AGENT];
    }

    /** Null when the call succeeded. */
    public String errorCode() {
        return values[ERROR_CODE];
    }

    public String errorMessage() {
        return values[ERROR_MESSAGE];
    }

    /** {@code userIdentity.type}: IAMUser, AssumedRole, Root, AWSService, ... */
    public String userType() {
        return values[USER_TYPE];
    }

    public String userArn() {
        return values[USER_ARN];
    }

    public String userName() {
        return values[USER_NAME];
    }

    public String principalId() {
        return values[PRINCIPAL_ID];
    }

    /** The caller's account, which may differ from the account the event is in. */
    public String userAccountId() {
        return values[USER_ACCOUNT];
    }

    public String accessKeyId() {
        return values[ACCESS_KEY_ID];
    }

    /** {@code "true"} or {@code "false"} as CloudTrail writes it; null when the record does not say. */
    public String mfaAuthenticated() {
        return values[MFA];
    }

    public String invokedBy() {
        return values[INVOKED_BY];
    }

    /** For a role's session: the role's (or user's) ARN that issued it. */
    public String sessionIssuerArn() {
        return values[SESSION_ISSUER_ARN];
    }
}
