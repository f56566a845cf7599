package io.trailhawk.bench;

/**
 * Rules made up for scale tests: each on an event name no real record has (so they cost what a real but silent
 * rule costs), and one in ten with no event-name constraint. Those require a substring of the user agent and a
 * region by default; {@link #yamlWithSubstringsOnly} makes them require substrings only.
 */
public final class GeneratedRules {
    private GeneratedRules() {
    }

    /** {@code count} rules as one YAML file; {@code salt} makes the text differ between pushes. */
    public static String yaml(int count, String salt) {
        return yaml(count, salt, true);
    }

    /** The same, but the rules without an event name require nothing but a substring and a prefix. */
    public static String yamlWithSubstringsOnly(int count, String salt) {
        return yaml(count, salt, false);
    }

    private static String yaml(int count, String salt, boolean regions) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String condition = i % 10 != 9
                    ? "ct.name = Generated" + i + "Action and not ct.error exists and ct.user startswith svc-" + i
                    : regions
                    ? "ct.useragent contains \"scanner-" + i + "\" and ct.region in (ap-south-" + i + ", me-west-" + i + ")"
                    : "ct.useragent contains \"scanner-" + i + "\" and ct.srcip startswith \"198.51." + i + ".\"";
            sb.append("- rule: Generated rule ").append(i).append(' ').append(salt).append('\n')
                    .append("  desc: generated for scale tests\n")
                    .append("  condition: '").append(condition.replace("'", "''")).append("'\n")
                    .append("  output: generated ").append(i).append(" user=%ct.user ip=%ct.srcip region=%ct.region\n")
                    .append("  priority: NOTICE\n")
                    .append("  tags: [generated]\n");
        }
        return sb.toString();
    }
}
