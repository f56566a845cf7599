package io.trailhawk.job.config;

import io.trailhawk.control.TrustedKeys;

import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.RuleMatching;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The job's configuration: typed, validated once at startup, immutable. */
public final class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How alerts reach Kafka. */
    public enum Delivery {
        EXACTLY_ONCE,
        AT_LEAST_ONCE
    }

    private final Map<String, String> values;
    private final boolean managedFlink;

    private JobConfig(Map<String, String> values, boolean managedFlink) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.managedFlink = managedFlink;
    }

    /** Validates every key and value; throws {@link ConfigException} naming each bad key. */
    public static JobConfig of(Map<String, String> raw, boolean managedFlink) {
        List<String> problems = new ArrayList<>();
        for (String k : raw.keySet()) {
            if (TrailhawkOptions.find(k) == null) {
                problems.add("unknown configuration key '" + k + "'");
            }
        }
        JobConfig c = new JobConfig(raw, managedFlink);
        c.validate(problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
        return c;
    }

    private void validate(List<String> problems) {
        check(problems, () -> {
            if (kinesisStreams().isEmpty() && kafkaSourceTopics().isEmpty() && filePaths().isEmpty()) {
                throw new ConfigException("no source configured: set " + TrailhawkOptions.KINESIS_STREAMS.key() + ", "
                        + TrailhawkOptions.KAFKA_SOURCE_TOPICS.key() + " or " + TrailhawkOptions.FILE_PATHS.key());
            }
        });
        check(problems, () -> require(TrailhawkOptions.KAFKA_BOOTSTRAP));
        if (!kinesisStreams().isEmpty()) {
            check(problems, () -> {
                if (get(TrailhawkOptions.KINESIS_REGION) == null && get(TrailhawkOptions.KINESIS_ENDPOINT) == null) {
                    throw new ConfigException("missing required key " + TrailhawkOptions.KINESIS_REGION.key()
                            + " (or " + TrailhawkOptions.KINESIS_ENDPOINT.key() + ") for the Kinesis source");
                }
            });
            check(problems, () -> oneOf(TrailhawkOptions.KINESIS_INITIAL_POSITION, "LATEST", "TRIM_HORIZON",
                    "AT_TIMESTAMP"));
            check(problems, () -> oneOf(TrailhawkOptions.KINESIS_RECORD_PUBLISHER, "POLLING", "EFO"));
            check(problems, () -> {
                if (get(TrailhawkOptions.KINESIS_INITIAL_POSITION).equalsIgnoreCase("AT_TIMESTAMP")) {
                    require(TrailhawkOptions.KINESIS_INITIAL_TIMESTAMP);
                }
                if (get(TrailhawkOptions.KINESIS_RECORD_PUBLISHER).equalsIgnoreCase("EFO")) {
                    require(TrailhawkOptions.KINESIS_EFO_CONSUMER);
                }
            });
        }
        check(problems, () -> oneOf(TrailhawkOptions.KAFKA_SOURCE_OFFSETS, "committed", "earliest", "latest"));
        check(problems, this::delivery);
        check(problems, this::ruleMatching);
        check(problems, this::minPriority);
        check(problems, this::transactionTimeout);
        check(problems, this::outOfOrderness);
        check(problems, this::idleness);
        check(problems, this::checkpointInterval);
        check(problems, this::fileMonitorInterval);
        check(problems, this::parallelism);
        check(problems, this::ruleLimits);
        check(problems, this::perRuleMetrics);
    }

    private static void check(List<String> problems, Runnable r) {
        try {
            r.run();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
    }

    private String require(Option o) {
        String v = get(o);
        if (v == null || v.isBlank()) {
            throw new ConfigException("missing required key " + o.key() + " (" + o.description() + ")");
        }
        return v;
    }

    private void oneOf(Option o, String... allowed) {
        String v = get(o);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return;
            }
        }
        throw new ConfigException(o.key() + ": '" + v + "' is not one of " + String.join(", ", allowed));
    }

    /** True when the key was given, not left to its default. */
    public boolean isSet(Option o) {
        return values.containsKey(o.key());
    }

    /** The value of a key, or its default. */
    public String get(Option o) {
        String v = values.get(o.key());
        return v != null ? v : o.defaultValue();
    }

    private List<String> list(Option o) {
        String v = get(o);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** Keys under a prefix option, with the prefix removed. */
    public Properties withPrefix(Option prefix) {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (prefix.matches(k)) {
                p.setProperty(k.substring(prefix.key().length()), v);
            }
        });
        return p;
    }

    public boolean onManagedFlink() {
        return managedFlink;
    }

    public String jobName() {
        return get(TrailhawkOptions.JOB_NAME);
    }

    public List<String> kinesisStreams() {
        return list(TrailhawkOptions.KINESIS_STREAMS);
    }

    public List<String> kafkaSourceTopics() {
        return list(TrailhawkOptions.KAFKA_SOURCE_TOPICS);
    }

    public List<String> filePaths() {
        return list(TrailhawkOptions.FILE_PATHS);
    }

    public Duration fileMonitorInterval() {
        String v = get(TrailhawkOptions.FILE_MONITOR_INTERVAL);
        return v == null ? null : Durations.parse(TrailhawkOptions.FILE_MONITOR_INTERVAL.key(), v);
    }

    public String bootstrapServers() {
        return get(TrailhawkOptions.KAFKA_BOOTSTRAP);
    }

    /** Kafka client settings shared by every Kafka client: security and the like. */
    public Properties kafkaClientProperties() {
        return withPrefix(TrailhawkOptions.KAFKA_PROPERTIES);
    }

    public Delivery delivery() {
        String v = get(TrailhawkOptions.DELIVERY).toLowerCase(Locale.ROOT);
        switch (v) {
            case "exactly-once":
            case "exactly_once":
                return Delivery.EXACTLY_ONCE;
            case "at-least-once":
            case "at_least_once":
                return Delivery.AT_LEAST_ONCE;
            default:
                throw new ConfigException(TrailhawkOptions.DELIVERY.key() + ": '" + v
                        + "' is not one of exactly-once, at-least-once");
        }
    }

    public RuleMatching ruleMatching() {
        try {
            return RuleMatching.parse(get(TrailhawkOptions.RULES_MATCHING));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TrailhawkOptions.RULES_MATCHING.key() + ": " + e.getMessage());
        }
    }

    public Priority minPriority() {
        Priority p = Priority.parse(get(TrailhawkOptions.RULES_MIN_PRIORITY));
        if (p == null) {
            throw new ConfigException(TrailhawkOptions.RULES_MIN_PRIORITY.key() + ": '"
                    + get(TrailhawkOptions.RULES_MIN_PRIORITY) + "' is not a priority ("
                    + Arrays.toString(Priority.values()).toLowerCase(Locale.ROOT) + ")");
        }
        return p;
    }

    public Duration transactionTimeout() {
        return Durations.parse(TrailhawkOptions.TRANSACTION_TIMEOUT.key(), get(TrailhawkOptions.TRANSACTION_TIMEOUT));
    }

    public Duration outOfOrderness() {
        return Durations.parse(TrailhawkOptions.WATERMARK_OUT_OF_ORDERNESS.key(),
                get(TrailhawkOptions.WATERMARK_OUT_OF_ORDERNESS));
    }

    public Duration idleness() {
        return Durations.parse(TrailhawkOptions.WATERMARK_IDLENESS.key(), get(TrailhawkOptions.WATERMARK_IDLENESS));
    }

    public int rulesHistory() {
        return positiveInt(TrailhawkOptions.RULES_HISTORY);
    }

    public Duration shadowReportWindow() {
        return Durations.parse(TrailhawkOptions.SHADOW_REPORT_WINDOW.key(), get(TrailhawkOptions.SHADOW_REPORT_WINDOW));
    }

    public Duration checkpointInterval() {
        return Durations.parse(TrailhawkOptions.CHECKPOINT_INTERVAL.key(), get(TrailhawkOptions.CHECKPOINT_INTERVAL));
    }

    public Integer parallelism() {
        return get(TrailhawkOptions.PARALLELISM) == null ? null : positiveInt(TrailhawkOptions.PARALLELISM);
    }

    /**
     * The control-topic signing key, from {@code rules.signing-key} or read from Secrets Manager with
     * {@code rules.signing-key-secret}; null when updates need no signature.
     */
    public String signingKey() {
        String plain = get(TrailhawkOptions.RULES_SIGNING_KEY);
        String secret = get(TrailhawkOptions.RULES_SIGNING_KEY_SECRET);
        if (plain != null && secret != null) {
            throw new ConfigException(TrailhawkOptions.RULES_SIGNING_KEY.key() + " and "
                    + TrailhawkOptions.RULES_SIGNING_KEY_SECRET.key() + " are both set: give one");
        }
        if (secret == null || secret.isBlank()) {
            return plain;
        }
        return SecretsManagerSecret.read(TrailhawkOptions.RULES_SIGNING_KEY_SECRET, secret.trim(),
                get(TrailhawkOptions.RULES_SIGNING_KEY_SECRET_ENDPOINT));
    }

    /** The keys control messages must be signed with: none when no signing key or trusted key is configured. */
    public TrustedKeys trustedKeys() {
        String shared = signingKey();
        try {
            return TrustedKeys.parse(get(TrailhawkOptions.RULES_TRUSTED_KEYS), shared == null ? null : shared);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TrailhawkOptions.RULES_TRUSTED_KEYS.key() + ": " + e.getMessage());
        }
    }

    public boolean perRuleMetrics() {
        String v = get(TrailhawkOptions.METRICS_PER_RULE);
        if (v == null) {
            return !managedFlink;
        }
        if (v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v.trim());
        }
        throw new ConfigException(TrailhawkOptions.METRICS_PER_RULE.key() + ": '" + v + "' is not true or false");
    }

    /** The bounds a ruleset must stay within, from the {@code rules.limits.*} keys. */
    public RuleLimits ruleLimits() {
        return RuleLimits.defaults()
                .withFileChars(positiveInt(TrailhawkOptions.LIMIT_FILE_BYTES))
                .withYamlDepth(positiveInt(TrailhawkOptions.LIMIT_YAML_DEPTH))
                .withYamlAliases(positiveInt(TrailhawkOptions.LIMIT_YAML_ALIASES))
                .withItems(positiveInt(TrailhawkOptions.LIMIT_ITEMS))
                .withListItems(positiveInt(TrailhawkOptions.LIMIT_LIST_ITEMS))
                .withConditionNodes(positiveInt(TrailhawkOptions.LIMIT_CONDITION_NODES));
    }

    private int positiveInt(Option o) {
        String v = get(o);
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(o.key() + ": '" + v + "' is not a positive integer");
    }

    /** Every value as given (without defaults), for logging. Secrets are masked. */
    public Map<String, String> describe() {
        Map<String, String> m = new TreeMap<>(values);
        m.replaceAll((k, v) -> k.contains("key") || k.contains("secret") || k.contains("password")
                || k.contains("jaas") ? "****" : v);
        return m;
    }
}
