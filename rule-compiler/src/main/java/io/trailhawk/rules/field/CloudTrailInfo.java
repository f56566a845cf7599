package io.trailhawk.rules.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.event.CloudTrailEvent;

/** The plugin's one-line summaries: {@code ct.info} and {@code evt.plugininfo}. */
final class CloudTrailInfo {
    private static final String INVALID = "<invalid cloudtrail event: ";

    private CloudTrailInfo() {
    }

    static String info(CloudTrailEvent e) {
        JsonNode r = e.record();
        String user = CloudTrailFields.user(e);
        if (user == null) {
            return INVALID + "userIdentity field missing>";
        }
        String src = JsonPaths.str(r, "sourceIPAddress");
        if (src == null) {
            // The plugin's own placeholder text names the wrong key; kept so outputs match.
            return INVALID + "eventSource field missing>";
        }
        String name = JsonPaths.str(r, "eventName");
        if (name == null) {
            return INVALID + "eventName field missing>";
        }
        StringBuilder sb = new StringBuilder(user);
        if (!user.equals(src)) {
            sb.append(" via ").append(src);
        }
        sb.append(' ');
        if (r.get("errorCode") != null) {
            sb.append('!');
        }
        JsonNode ro = r.get("readOnly");
        boolean writes = ro != null && !(ro.isBoolean() && ro.booleanValue());
        sb.append(writes ? '\u2192' : '\u2190').append(' ').append(name);
        JsonNode pab = JsonPaths.at(r, "requestParameters", "PublicAccessBlockConfiguration");
        if ("PutBucketPublicAccessBlock".equals(name) && pab != null) {
            sb.append(" BlockPublicAcls=").append(flag(pab, "BlockPublicAcls"))
                    .append(" BlockPublicPolicy=").append(flag(pab, "BlockPublicPolicy"))
                    .append(" IgnorePublicAcls=").append(flag(pab, "IgnorePublicAcls"))
                    .append(" RestrictPublicBuckets=").append(flag(pab, "RestrictPublicBuckets")).append(' ');
            return sb.toString();
        }
        Long bytes = CloudTrailFields.s3Bytes(e, true, true);
        if (bytes != null) {
            sb.append(" Size=").append(Long.toUnsignedString(bytes));
        }
        String uri = CloudTrailFields.s3Uri(e);
        String bucket = JsonPaths.str(r, "requestParameters", "bucketName");
        String key = JsonPaths.str(r, "requestParameters", "key");
        String host = JsonPaths.str(r, "requestParameters", "Host");
        if (uri != null) {
            sb.append(" URI=").append(uri);
        } else if (bucket != null) {
            sb.append(" Bucket=").append(bucket);
        } else if (key != null) {
            sb.append(" Key=").append(key);
        } else if (host != null) {
            sb.append(" Host=").append(host);
        }
        return sb.toString();
    }

    private static boolean flag(JsonNode config, String key) {
        JsonNode n = config.get(key);
        return n != null && (n.isBoolean() ? n.booleanValue() : "true".equals(n.asText()));
    }

    static String pluginInfo(CloudTrailEvent e) {
        JsonNode r = e.record();
        String region = JsonPaths.str(r, "awsRegion");
        String source = JsonPaths.str(r, "eventSource");
        String name = JsonPaths.str(r, "eventName");
        if (region == null || source == null || name == null) {
            return null;
        }
        String shortSrc = source.endsWith(".amazonaws.com") && source.length() > ".amazonaws.com".length()
                ? source.substring(0, source.length() - ".amazonaws.com".length()) : source;
        StringBuilder sb = new StringBuilder(region);
        String user = CloudTrailFields.user(e);
        if (user != null) {
            sb.append(' ').append(user);
        }
        return sb.append(' ').append(shortSrc).append(' ').append(name).append(' ').append(info(e)).toString();
    }
}
