package io.trailhawk.rules.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generates conditions over the grammar, with values drawn from real records so that some of them match. */
final class RandomConditions {
    private static final String[] STRING_FIELDS = {"ct.name", "ct.src", "ct.shortsrc", "ct.user", "ct.region",
        "ct.srcip", "ct.useragent", "ct.error", "ct.user.identitytype", "ct.user.arn", "s3.bucket", "ct.readonly",
        "ct.request.name", "ct.info", "json.value[/userIdentity/sessionContext/attributes/mfaAuthenticated]",
        "json.value[/requestParameters/roleName]", "json.value[/eventCategory]", "jevt.value[/eventName]",
        "ct.originaluser", "ct.user.accountid", "ec2.imageid", "json.value[/responseElements]"};
    private static final String[] STRING_OPS = {"=", "!=", "contains", "icontains", "startswith", "endswith", "glob",
        "iglob", "regex", "in", "intersects", "pmatch"};
    private static final String[] TRANSFORMERS = {"tolower", "toupper", "basename"};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Random random;
    private final List<JsonNode> samples = new ArrayList<>();

    RandomConditions(Random random, List<byte[]> records) throws IOException {
        this.random = random;
        for (int i = 0; i < records.size(); i += 29) {
            samples.add(MAPPER.readTree(records.get(i)));
        }
    }

    String condition(int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return check();
        }
        switch (random.nextInt(4)) {
            case 0:
                return "not " + condition(depth - 1);
            case 1:
                return "(" + condition(depth - 1) + " and " + condition(depth - 1) + ")";
            case 2:
                return condition(depth - 1) + " or " + condition(depth - 1);
            default:
                return condition(depth - 1) + " and " + condition(depth - 1);
        }
    }

    String output() {
        return "o=%" + pick(STRING_FIELDS) + " n=%evt.num u=%ct.user";
    }

    private String check() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return pick(STRING_FIELDS) + " exists";
        }
        if (kind == 1) {
            return "s3.bytes " + pick(new String[] {"=", "!=", "<", "<=", ">", ">="}) + " " + random.nextInt(3000);
        }
        if (kind == 2) {
            return "ct.name = val(" + pick(new String[] {"ct.name", "jevt.value[/eventName]", "ct.user"}) + ")";
        }
        if (kind == 3) {
            return "ct.name " + pick(new String[] {"=", "startswith", "contains"}) + " "
                    + pick(new String[] {"anyof", "oneof", "allof"}) + " (" + quote(value("ct.name")) + ", "
                    + quote(value("ct.name")) + ")";
        }
        String field = pick(STRING_FIELDS);
        String lhs = kind == 4 ? pick(TRANSFORMERS) + "(" + field + ")" : field;
        String op = pick(STRING_OPS);
        String v = value(field);
        switch (op) {
            case "in":
            case "intersects":
            case "pmatch":
                return lhs + " " + op + " (" + quote(v) + ", " + quote(value(field)) + ")";
            case "glob":
            case "iglob":
                return lhs + " " + op + " " + quote(v.length() > 3 ? v.substring(0, 3) + "*" : v + "*");
            case "regex":
                return lhs + " " + op + " " + quote(".*" + (v.length() > 2 ? v.substring(1, 3).replaceAll("[^A-Za-z0-9]", ".")
                        : "") + ".*");
            case "contains":
            case "icontains":
            case "startswith":
            case "endswith":
                return lhs + " " + op + " " + quote(v.length() > 4 ? v.substring(0, 4) : v);
            default:
                return lhs + " " + op + " " + quote(v);
        }
    }

    /** A value the field actually takes in some record (or a miss, sometimes). */
    private String value(String field) {
        if (random.nextInt(6) == 0) {
            return "no-such-value";
        }
        JsonNode r = samples.get(random.nextInt(samples.size()));
        String[] keys = {"eventName", "eventSource", "awsRegion", "sourceIPAddress", "userAgent", "errorCode"};
        JsonNode v = r.get(field.equals("ct.src") ? "eventSource" : field.equals("ct.region") ? "awsRegion"
                : field.equals("ct.srcip") ? "sourceIPAddress" : field.equals("ct.useragent") ? "userAgent"
                : field.equals("ct.error") ? "errorCode" : keys[random.nextInt(keys.length)]);
        if (field.equals("ct.user") || field.equals("ct.originaluser")) {
            v = r.path("userIdentity").path("userName");
        }
        if (field.equals("ct.user.identitytype")) {
            v = r.path("userIdentity").path("type");
        }
        if (v == null || !v.isTextual()) {
            return "AwsApiCall";
        }
        // Falco holds a constant in 256 bytes; long user agents are cut to fit.
        return v.asText().length() > 200 ? v.asText().substring(0, 200) : v.asText();
    }

    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
