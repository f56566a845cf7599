package io.trailhawk.formats;

/**
 * A rule's id where a name will not do (a metric label, ECS's {@code rule.id}, OCSF's {@code analytic.uid}): the
 * name's ASCII letters and digits, each word capitalised ({@code S3 Bucket ACL Changed} is
 * {@code S3BucketACLChanged}), at most 64 characters. It depends on the name alone, so it stays the same across
 * ruleset versions; names that differ only in punctuation or case share an id.
 */
public final class RuleId {
    private static final int MAX_LENGTH = 64;

    private RuleId() {
    }

    public static String of(String ruleName) {
        StringBuilder id = new StringBuilder();
        boolean wordStart = true;
        for (int i = 0; i < ruleName.length() && id.length() < MAX_LENGTH; i++) {
            char c = ruleName.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                id.append(wordStart ? Character.toUpperCase(c) : c);
                wordStart = false;
            } else {
                wordStart = true;
            }
        }
        return id.length() == 0 ? "Unnamed" : id.toString();
    }
}
