package io.trailhawk.formats;

import java.util.Objects;

/**
 * What formats take from configuration: the host alerts name, and ASFF's ProductArn and GeneratorId, each a
 * template in which {@code {region}}, {@code {account}} and {@code {rule_id}} stand for the alert's. Immutable.
 */
public final class FormatSettings {
    /** Security Hub's default product for findings an account imports itself. */
    public static final String DEFAULT_PRODUCT_ARN = "arn:aws:securityhub:{region}:{account}:product/{account}/default";
    public static final String DEFAULT_GENERATOR_ID = "trailhawk/{rule_id}";

    private final String hostname;
    private final String productArn;
    private final String generatorId;

    private FormatSettings(String hostname, String productArn, String generatorId) {
        this.hostname = Objects.requireNonNull(hostname);
        this.productArn = Objects.requireNonNull(productArn);
        this.generatorId = Objects.requireNonNull(generatorId);
    }

    public static FormatSettings of(String hostname) {
        return new FormatSettings(hostname, DEFAULT_PRODUCT_ARN, DEFAULT_GENERATOR_ID);
    }

    public FormatSettings withAsff(String productArnTemplate, String generatorIdTemplate) {
        return new FormatSettings(hostname, productArnTemplate, generatorIdTemplate);
    }

    public String hostname() {
        return hostname;
    }

    String productArn(String region, String account, String ruleId) {
        return fill(productArn, region, account, ruleId);
    }

    String generatorId(String region, String account, String ruleId) {
        return fill(generatorId, region, account, ruleId);
    }

    private static String fill(String template, String region, String account, String ruleId) {
        return template.replace("{region}", region).replace("{account}", account).replace("{rule_id}", ruleId);
    }
}
