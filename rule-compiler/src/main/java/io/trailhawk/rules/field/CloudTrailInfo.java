package io.trailhawk.rules.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.event.CloudTrailEvent;

/** The plugin's one-line summaries: {@code ct.info} and {@code evt.plugininfo}. */
final class CloudTrailInfo {
    private static final String INVALID = "<invalid cloudtrail event: ";

    private CloudTrailInfo() {
    }

    static String info(CloudTrailEvent e) {
        String user = CloudTrailFields.user(e);
        if (user == null) {
            return INVALID + "userIdentity field missing>";
        }
        String src = JsonPaths.str(e, "sourceIPAddress");
        if (src == null) {
            // The plugin's own placeholder text names the wrong key; kept so outputs match.
            return INVALID + "eventSource field missing>";
        }
        String name = JsonPaths.str(e, "eventName");
        if (name == null) {
            return INVALID + "eventName field missing>";
        }
        StringBuilder sb = new StringBuilder(user);
        if (!user.equals(src)) {
            sb.append(" via ").append(src);
        }
        sb.append(' ');
        if (e.member("errorCode") != null) {
            sb.append('!');
        }
        JsonNode ro = e.member("readOnly");
        boolean writes = ro != null && !(ro.isBoolean() && ro.booleanValue());
        sb.append(writes ? '\u2192' : '\u2190').append(' ').append(name);
        JsonNode pab = JsonPaths.at(e, "requestParameters", "PublicAccessBlockConfiguration");
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
        String bucket = JsonPaths.str(e, "requestParameters", "bucketName");
        String key = JsonPaths.str(e, "requestParameters", "key");
        String host = JsonPaths.str(e, "requestParameters", "Host");
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
        String region = JsonPaths.str(e, "awsRegion");
        String source = JsonPaths.str(e, "eventSource");
        String name = JsonPaths.str(e, "eventName");
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
