package io.trailhawk.rules.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The cloudtrail plugin's fields ({@code ct.*}, {@code s3.*}, {@code ec2.*}, {@code ecr.*}, {@code iam.*}). */
final class CloudTrailFields {
    private static final String AMAZONAWS_SUFFIX = ".amazonaws.com";

    private CloudTrailFields() {
    }

    static List<FieldDefinition> definitions() {
        List<FieldDefinition> d = new ArrayList<>();
        str(d, "ct.id", "the unique ID of the event (eventID)", "eventID");
        str(d, "ct.error", "the error code, absent when the call succeeded (errorCode)", "errorCode");
        str(d, "ct.errormessage", "the error message (errorMessage)", "errorMessage");
        str(d, "ct.time", "the raw eventTime", "eventTime");
        str(d, "ct.src", "the service that received the call (eventSource)", "eventSource");
        plain(d, "ct.shortsrc", "eventSource without .amazonaws.com", reads("eventSource"), e -> {
            String s = e.text("eventSource");
            if (s == null) {
                return JsonPaths.str(e, "eventSource");
            }
            return s.endsWith(AMAZONAWS_SUFFIX) && s.length() > AMAZONAWS_SUFFIX.length()
                    ? s.substring(0, s.length() - AMAZONAWS_SUFFIX.length()) : s;
        });
        str(d, "ct.name", "the API call (eventName)", "eventName");
        plain(d, "ct.user", "the user, by identity type: user name, invoking service or role name", USER,
                CloudTrailFields::user);
        plain(d, "ct.originaluser", "for assumed roles, the session name; otherwise the user name", USER,
                CloudTrailFields::originalUser);
        plain(d, "ct.user.accountid", "userIdentity.accountId, else recipientAccountId",
                reads("userIdentity.accountId", "recipientAccountId"), e -> {
            String a = JsonPaths.str(e, "userIdentity", "accountId");
            return a != null ? a : JsonPaths.str(e, "recipientAccountId");
        });
        str(d, "ct.user.identitytype", "userIdentity.type (Root, IAMUser, AssumedRole, AWSService, ...)",
                "userIdentity", "type");
        str(d, "ct.user.principalid", "userIdentity.principalId", "userIdentity", "principalId");
        str(d, "ct.user.arn", "userIdentity.arn", "userIdentity", "arn");
        str(d, "ct.region", "the region of the call (awsRegion)", "awsRegion");
        str(d, "ct.response.subnetid", "responseElements.subnetId", "responseElements", "subnetId");
        str(d, "ct.response.reservationid", "responseElements.reservationId", "responseElements", "reservationId");
        json(d, "ct.response", "responseElements as compact JSON", "responseElements");
        String[][] request = {
            {"availabilityzone", "availabilityZone"}, {"cluster", "cluster"}, {"functionname", "functionName"},
            {"groupname", "groupName"}, {"host", "Host"}, {"name", "name"}, {"policy", "policy"},
            {"reason", "reason"}, {"target", "target"}, {"serialnumber", "serialNumber"},
            {"servicename", "serviceName"}, {"subnetid", "subnetId"}, {"taskdefinition", "taskDefinition"},
            {"username", "userName"}, {"documentname", "documentName"}
        };
        for (String[] r : request) {
            str(d, "ct.request." + r[0], "requestParameters." + r[1], "requestParameters", r[1]);
        }
        json(d, "ct.request", "requestParameters as compact JSON", "requestParameters");
        str(d, "ct.srcip", "the caller's IP address or service name (sourceIPAddress)", "sourceIPAddress");
        str(d, "ct.useragent", "the caller's user agent (userAgent)", "userAgent");
        plain(d, "ct.info", "a one-line summary of the event", INFO, CloudTrailInfo::info);
        plain(d, "ct.managementevent", "\"true\" for a management event (managementEvent)", reads("managementEvent"),
                e -> boolText(e.member("managementEvent"), false));
        plain(d, "ct.readonly", "\"true\" if the call only reads (readOnly)", reads("readOnly"),
                e -> boolText(e.member("readOnly"), false));
        str(d, "ct.requestid", "the request ID (requestID)", "requestID");
        str(d, "ct.eventtype", "the event type (eventType)", "eventType");
        str(d, "ct.apiversion", "the API version (apiVersion)", "apiVersion");
        plain(d, "ct.resources", "each resource as compact JSON, comma separated", reads("resources"),
                CloudTrailFields::resources);
        str(d, "ct.recipientaccountid", "the account that received the event (recipientAccountId)",
                "recipientAccountId");
        json(d, "ct.serviceeventdetails", "serviceEventDetails as compact JSON", "serviceEventDetails");
        str(d, "ct.sharedeventid", "sharedEventID", "sharedEventID");
        str(d, "ct.vpcendpointid", "vpcEndpointId", "vpcEndpointId");
        str(d, "ct.eventcategory", "eventCategory", "eventCategory");
        str(d, "ct.addendum.reason", "addendum.reason", "addendum", "reason");
        str(d, "ct.addendum.updatedfields", "addendum.updatedFields", "addendum", "updatedFields");
        str(d, "ct.addendum.originalrequestid", "addendum.originalRequestID", "addendum", "originalRequestID");
        str(d, "ct.addendum.originaleventid", "addendum.originalEventID", "addendum", "originalEventID");
        plain(d, "ct.sessioncredentialfromconsole", "\"true\" if the session credential came from the console",
                reads("sessionCredentialFromConsole"), e -> boolText(e.member("sessionCredentialFromConsole"), true));
        json(d, "ct.edgedevicedetails", "edgeDeviceDetails as compact JSON", "edgeDeviceDetails");
        str(d, "ct.tlsdetails.tlsversion", "tlsDetails.tlsVersion", "tlsDetails", "tlsVersion");
        str(d, "ct.tlsdetails.ciphersuite", "tlsDetails.cipherSuite", "tlsDetails", "cipherSuite");
        str(d, "ct.tlsdetails.clientprovidedhostheader", "tlsDetails.clientProvidedHostHeader", "tlsDetails",
                "clientProvidedHostHeader");
        json(d, "ct.additionaleventdata", "additionalEventData as compact JSON", "additionalEventData");

        str(d, "s3.bucket", "the bucket (requestParameters.bucketName)", "requestParameters", "bucketName");
        str(d, "s3.key", "the object key (requestParameters.key)", "requestParameters", "key");
        plain(d, "s3.uri", "s3://bucket/key, when both are known",
                reads("requestParameters.bucketName", "requestParameters.key"), CloudTrailFields::s3Uri);
        List<String[]> bytes = reads("additionalEventData.bytesTransferredIn", "additionalEventData.bytesTransferredOut");
        uint(d, "s3.bytes", "bytes transferred in and out", bytes, e -> s3Bytes(e, true, true));
        uint(d, "s3.bytes.in", "bytes transferred in", bytes, e -> s3Bytes(e, true, false));
        uint(d, "s3.bytes.out", "bytes transferred out", bytes, e -> s3Bytes(e, false, true));
        List<String[]> name = reads("eventName");
        uint(d, "s3.cnt.get", "1 for GetObject, 0 otherwise", name,
                e -> "GetObject".equals(e.text("eventName")) ? 1L : 0L);
        uint(d, "s3.cnt.put", "1 for PutObject, 0 otherwise", name,
                e -> "PutObject".equals(e.text("eventName")) ? 1L : 0L);
        uint(d, "s3.cnt.other", "1 unless GetObject or PutObject, 0 otherwise", name, e -> {
            String n = e.text("eventName");
            return "GetObject".equals(n) || "PutObject".equals(n) ? 0L : 1L;
        });

        plain(d, "ec2.name", "the Name tag of a new instance", reads("requestParameters.tagSpecificationSet"),
                CloudTrailFields::ec2Name);
        List<String[]> images = reads("responseElements.instancesSet", "requestParameters.imageId",
                "requestParameters.DescribeFastLaunchImagesRequest", "requestParameters.launchSpecification");
        d.add(new FieldDefinition("ec2.imageids", FieldType.STRING_LIST, ArgMode.OPTIONAL_INDEX,
                "the AMI IDs of the instances (optionally one, by index)", CloudTrailFields::imageIds,
                arg -> images));
        d.add(new FieldDefinition("ec2.imageid", FieldType.STRING, ArgMode.NONE,
                "the first AMI ID (deprecated: use ec2.imageids)", arg -> imageIds("0"), arg -> images));
        str(d, "ecr.repository", "the ECR repository (requestParameters.repositoryName)", "requestParameters",
                "repositoryName");
        str(d, "ecr.imagetag", "the ECR image tag (requestParameters.imageTag)", "requestParameters", "imageTag");
        str(d, "iam.role", "the IAM role (requestParameters.roleName)", "requestParameters", "roleName");
        str(d, "iam.policy", "the IAM policy (requestParameters.policyName)", "requestParameters", "policyName");
        return d;
    }

    private static void str(List<FieldDefinition> d, String name, String desc, String... path) {
        d.add(new FieldDefinition(name, FieldType.STRING, ArgMode.NONE, desc,
                arg -> e -> JsonPaths.str(e, path), arg -> List.<String[]>of(path)));
    }

    private static void json(List<FieldDefinition> d, String name, String desc, String... path) {
        d.add(new FieldDefinition(name, FieldType.STRING, ArgMode.NONE, desc,
                arg -> e -> JsonPaths.compact(e, path), arg -> List.<String[]>of(path)));
    }

    private static void plain(List<FieldDefinition> d, String name, String desc, List<String[]> reads, Extractor x) {
        d.add(new FieldDefinition(name, FieldType.STRING, ArgMode.NONE, desc, arg -> x, arg -> reads));
    }

    private static void uint(List<FieldDefinition> d, String name, String desc, List<String[]> reads, Extractor x) {
        d.add(new FieldDefinition(name, FieldType.UINT64, ArgMode.NONE, desc, arg -> x, arg -> reads));
    }

    /** Dotted member paths, e.g. {@code reads("userIdentity", "recipientAccountId")}. */
    static List<String[]> reads(String... dotted) {
        List<String[]> out = new ArrayList<>();
        for (String p : dotted) {
            out.add(p.split("\\."));
        }
        return out;
    }

    /** What ct.user and ct.originaluser read. */
    static final List<String[]> USER = reads("userIdentity.type", "userIdentity.userName", "userIdentity.invokedBy",
            "userIdentity.sessionContext.sessionIssuer.userName", "userIdentity.arn", "userIdentity.principalId");
    /** What ct.info reads. */
    static final List<String[]> INFO = concat(USER, reads("sourceIPAddress", "eventName", "errorCode", "readOnly",
            "requestParameters.bucketName", "requestParameters.key", "requestParameters.Host",
            "requestParameters.PublicAccessBlockConfiguration", "additionalEventData.bytesTransferredIn",
            "additionalEventData.bytesTransferredOut"));

    private static List<String[]> concat(List<String[]> a, List<String[]> b) {
        List<String[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Present iff the key exists; {@code "true"} iff it is boolean true (or, when allowed, the string "true"). */
    private static String boolText(JsonNode n, boolean acceptString) {
        if (n == null) {
            return null;
        }
        boolean t = n.isBoolean() ? n.booleanValue() : acceptString && n.isTextual() && "true".equals(n.textValue());
        return t ? "true" : "false";
    }

    static String user(CloudTrailEvent e) {
        String type = JsonPaths.str(e, "userIdentity", "type");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "Root":
            case "IAMUser":
                return JsonPaths.str(e, "userIdentity", "userName");
            case "AWSService":
                return JsonPaths.str(e, "userIdentity", "invokedBy");
            case "AssumedRole": {
                String issuer = JsonPaths.str(e, "userIdentity", "sessionContext", "sessionIssuer", "userName");
                return issuer != null ? issuer : "AssumedRole";
            }
            case "AWSAccount":
                return "AWSAccount";
            case "FederatedUser":
                return "FederatedUser";
            default:
                return null;
        }
    }

    private static String originalUser(CloudTrailEvent e) {
        String type = JsonPaths.str(e, "userIdentity", "type");
        if (!"AssumedRole".equals(type)) {
            return JsonPaths.str(e, "userIdentity", "userName");
        }
        String arn = JsonPaths.str(e, "userIdentity", "arn");
        if (arn != null) {
            String[] parts = arn.split("/", -1);
            if (parts.length == 3) {
                return parts[2];
            }
        }
        String principal = JsonPaths.str(e, "userIdentity", "principalId");
        if (principal != null) {
            String[] parts = principal.split(":", -1);
            if (parts.length == 2) {
                return parts[1];
            }
        }
        return null;
    }

    private static String resources(CloudTrailEvent e) {
        JsonNode res = e.member("resources");
        if (res == null || !res.isArray() || res.size() == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode r : res) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r.toString());
        }
        return sb.toString();
    }

    static String s3Uri(CloudTrailEvent e) {
        String bucket = JsonPaths.str(e, "requestParameters", "bucketName");
        String key = JsonPaths.str(e, "requestParameters", "key");
        return bucket != null && key != null ? "s3://" + bucket + "/" + key : null;
    }

    static Long s3Bytes(CloudTrailEvent e, boolean in, boolean out) {
        JsonNode a = e.member("additionalEventData");
        if (a == null || !a.isObject()) {
            return null;
        }
        JsonNode bi = in ? a.get("bytesTransferredIn") : null;
        JsonNode bo = out ? a.get("bytesTransferredOut") : null;
        if (bi == null && bo == null) {
            return null;
        }
        return (bi == null ? 0L : (long) bi.asDouble()) + (bo == null ? 0L : (long) bo.asDouble());
    }

    private static String ec2Name(CloudTrailEvent e) {
        JsonNode items = JsonPaths.at(e, "requestParameters", "tagSpecificationSet", "items");
        if (items == null || !items.isArray()) {
            return null;
        }
        String name = null;
        for (JsonNode item : items) {
            if (!"instance".equals(JsonPaths.str(item, "resourceType"))) {
                continue;
            }
            JsonNode tags = item.get("tags");
            if (tags == null || !tags.isArray()) {
                continue;
            }
            for (JsonNode tag : tags) {
                if ("Name".equals(JsonPaths.str(tag, "key"))) {
                    name = JsonPaths.str(tag, "value");
                }
            }
        }
        return name == null || name.isEmpty() ? null : name;
    }

    private static Extractor imageIds(String arg) {
        if (arg == null) {
            return CloudTrailFields::allImageIds;
        }
        int index = Integer.parseInt(arg);
        return e -> {
            List<String> ids = allImageIds(e);
            return ids != null && index < ids.size() ? ids.get(index) : null;
        };
    }

    private static List<String> allImageIds(CloudTrailEvent e) {
        JsonNode items = JsonPaths.at(e, "responseElements", "instancesSet", "items");
        if (items != null && items.isArray()) {
            List<String> ids = new ArrayList<>();
            for (JsonNode item : items) {
                String id = JsonPaths.str(item, "imageId");
                if (id != null && !id.isEmpty()) {
                    ids.add(id);
                }
            }
            return ids.isEmpty() ? null : Collections.unmodifiableList(ids);
        }
        String[][] fallbacks = {
            {"requestParameters", "imageId"},
            {"requestParameters", "DescribeFastLaunchImagesRequest", "ImageId", "content"},
            {"requestParameters", "launchSpecification", "imageId"}
        };
        for (String[] path : fallbacks) {
            String id = JsonPaths.str(e, path);
            if (id != null && !id.isEmpty()) {
                return Collections.singletonList(id);
            }
        }
        return null;
    }
}
