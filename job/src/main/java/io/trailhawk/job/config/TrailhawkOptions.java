package io.trailhawk.job.config;

import io.trailhawk.control.ControlTopics;
import io.trailhawk.rules.load.RuleLimits;
import java.util.List;

/**
 * Every configuration key the job reads, in one place. The README's configuration table is checked against this
 * list by a test, so the two cannot drift.
 */
public final class TrailhawkOptions {
    public static final Option JOB_NAME = Option.of("job.name", "trailhawk", "Flink job name");

    public static final Option KINESIS_STREAMS = Option.of("source.kinesis.streams", null,
            "comma-separated Kinesis streams to read; enables the Kinesis source");
    public static final Option KINESIS_REGION = Option.of("source.kinesis.region", null,
            "AWS region of the streams (required with source.kinesis.streams unless an endpoint is set)");
    public static final Option KINESIS_ENDPOINT = Option.of("source.kinesis.endpoint", null,
            "endpoint override, for emulators such as kinesis-local (http://127.0.0.1:4568)");
    public static final Option KINESIS_INITIAL_POSITION = Option.of("source.kinesis.initial-position", "LATEST",
            "LATEST, TRIM_HORIZON or AT_TIMESTAMP");
    public static final Option KINESIS_INITIAL_TIMESTAMP = Option.of("source.kinesis.initial-timestamp", null,
            "start time for AT_TIMESTAMP (yyyy-MM-dd'T'HH:mm:ss.SSSXXX or epoch seconds)");
    public static final Option KINESIS_RECORD_PUBLISHER = Option.of("source.kinesis.record-publisher", "POLLING",
            "POLLING, or EFO for enhanced fan-out");
    public static final Option KINESIS_EFO_CONSUMER = Option.of("source.kinesis.efo.consumer-name", null,
            "EFO consumer name (required with EFO)");
    public static final Option KINESIS_PROPERTIES = Option.prefix("source.kinesis.properties.",
            "passed to the Kinesis consumer as they are (aws.credentials.provider, flink.shard.*, ...)");

    public static final Option KAFKA_SOURCE_TOPICS = Option.of("source.kafka.topics", null,
            "comma-separated Kafka topics holding CloudTrail records; enables the Kafka source");
    public static final Option KAFKA_SOURCE_GROUP = Option.of("source.kafka.group-id", "trailhawk",
            "consumer group of the Kafka source");
    public static final Option KAFKA_SOURCE_OFFSETS = Option.of("source.kafka.starting-offsets", "committed",
            "committed (falling back to earliest), earliest or latest");

    public static final Option FILE_PATHS = Option.of("source.files.paths", null,
            "comma-separated files or directories (local or s3://) of CloudTrail logs; enables the file source");
    public static final Option FILE_MONITOR_INTERVAL = Option.of("source.files.monitor-interval", null,
            "when set (e.g. 60s), keep watching the paths for new files; otherwise read them once");

    public static final Option KAFKA_BOOTSTRAP = Option.of("kafka.bootstrap-servers", null,
            "Kafka brokers for the control, status, alert and dead-letter topics (and the Kafka source)");
    public static final Option KAFKA_PROPERTIES = Option.prefix("kafka.properties.",
            "Kafka client settings passed to every Kafka client: security.protocol, sasl.mechanism, "
                    + "sasl.jaas.config, sasl.client.callback.handler.class, ssl.* (TLS, SASL, IAM for MSK)");
    public static final Option TOPIC_CONTROL = Option.of("topic.control", ControlTopics.RULES,
            "compacted control topic: key = rule file name, value = YAML, null = delete");
    public static final Option TOPIC_STATUS = Option.of("topic.status", ControlTopics.STATUS,
            "ruleset activations and rejections");
    public static final Option TOPIC_ALERTS = Option.of("topic.alerts", ControlTopics.ALERTS,
            "every alert, in alerts.format (Falco JSON by default)");
    public static final Option TOPIC_SHADOW_ALERTS = Option.of("topic.shadow-alerts", ControlTopics.SHADOW_ALERTS,
            "alerts of rules in shadow, each marked \"shadow\": true; they never reach topic.alerts");
    public static final Option ALERTS_FORMAT = Option.of("alerts.format", "falco",
            "the format of topic.alerts: falco, ocsf, asff or ecs (docs/outputs.md)");
    public static final Option ALERTS_ROUTES = Option.of("alerts.routes", null,
            "comma-separated names of more alert outputs, each set under alerts.route.NAME.*");
    public static final Option ALERTS_ROUTE = Option.prefix("alerts.route.",
            "per route NAME: topic (required), format (default falco), and filters min-priority, tags and accounts "
                    + "(comma-separated) and rules (semicolon-separated): an alert passes with one of each given");
    public static final Option ASFF_PRODUCT_ARN = Option.of("alerts.asff.product-arn",
            "arn:aws:securityhub:{region}:{account}:product/{account}/default",
            "ASFF ProductArn; {region} and {account} are the alert's");
    public static final Option ASFF_GENERATOR_ID = Option.of("alerts.asff.generator-id", "trailhawk/{rule_id}",
            "ASFF GeneratorId; {rule_id} is the rule's id");
    public static final Option TOPIC_DLQ = Option.of("topic.dlq", ControlTopics.DEAD_LETTERS,
            "undecodable input, and records that rules failed to evaluate (naming the rules)");

    public static final Option DELIVERY = Option.of("sink.delivery-guarantee", "exactly-once",
            "exactly-once (transactional) or at-least-once");
    public static final Option TRANSACTIONAL_ID_PREFIX = Option.of("sink.transactional-id-prefix", "trailhawk",
            "prefix of Kafka transactional ids; unique per job on a cluster and stable across restarts");
    public static final Option TRANSACTION_TIMEOUT = Option.of("sink.transaction-timeout", "15min",
            "Kafka transaction timeout; must not exceed the broker's transaction.max.timeout.ms (15 min by default)");

    public static final Option RULES_BOOTSTRAP = Option.of("rules.bootstrap", "bundled",
            "rules active from the first event: 'bundled' (the default ruleset in the jar), 'none', or "
                    + "comma-separated files or directories");
    public static final Option RULES_SIGNING_KEY = Option.of("rules.signing-key", null,
            "a secret shared with push, trusted as key id 'default' (HMAC-SHA256): control messages must then be "
                    + "signed (docs/security.md)");
    public static final Option RULES_TRUSTED_KEYS = Option.of("rules.trusted-keys", null,
            "comma-separated ID:ecdsa-p256:PUBLIC_KEY (as trailhawk keygen prints it) or ID:hmac-sha256:SECRET "
                    + "entries: control messages must then be signed by one of them (docs/security.md)");
    public static final Option RULES_SIGNING_KEY_SECRET = Option.of("rules.signing-key-secret", null,
            "instead of rules.signing-key: name or ARN of an AWS Secrets Manager secret whose text is the signing "
                    + "key, read once when the job starts");
    public static final Option RULES_SIGNING_KEY_SECRET_ENDPOINT = Option.of("rules.signing-key-secret-endpoint",
            null, "endpoint override for Secrets Manager (default: the region's endpoint)");
    public static final Option RULES_HISTORY = Option.of("rules.history", "20",
            "activated ruleset versions kept in state, for trailhawk history and rollback");
    public static final Option SHADOW_REPORT_WINDOW = Option.of("rules.shadow.report-window", "1h",
            "each rule in shadow's alert count is reported on the status topic once per this much event time");
    public static final Option RULES_MATCHING = Option.of("rules.matching", "all", "all or first");
    public static final Option RULES_MIN_PRIORITY = Option.of("rules.min-priority", "debug",
            "rules less severe than this are not evaluated");

    public static final Option LIMIT_FILE_BYTES = Option.of("rules.limits.file-bytes",
            String.valueOf(RuleLimits.DEFAULT_FILE_CHARS), "largest rule file accepted, in bytes (control records "
                    + "over it are refused before they are read)");
    public static final Option LIMIT_YAML_DEPTH = Option.of("rules.limits.yaml-depth",
            String.valueOf(RuleLimits.DEFAULT_YAML_DEPTH), "deepest nesting of YAML collections in a rule file");
    public static final Option LIMIT_YAML_ALIASES = Option.of("rules.limits.yaml-aliases",
            String.valueOf(RuleLimits.DEFAULT_YAML_ALIASES), "most YAML aliases (*name) in a rule file");
    public static final Option LIMIT_ITEMS = Option.of("rules.limits.items",
            String.valueOf(RuleLimits.DEFAULT_ITEMS), "most lists, macros and rules items in the whole ruleset");
    public static final Option LIMIT_LIST_ITEMS = Option.of("rules.limits.list-items",
            String.valueOf(RuleLimits.DEFAULT_LIST_ITEMS), "most items in one list once the lists it names are "
                    + "expanded");
    public static final Option LIMIT_CONDITION_NODES = Option.of("rules.limits.condition-nodes",
            String.valueOf(RuleLimits.DEFAULT_CONDITION_NODES), "most nodes in one rule's condition once its macros "
                    + "are expanded");

    public static final Option WATERMARK_OUT_OF_ORDERNESS = Option.of("watermark.out-of-orderness", "5min",
            "how late CloudTrail records may arrive relative to each other");
    public static final Option WATERMARK_IDLENESS = Option.of("watermark.idleness", "1min",
            "a shard or partition silent for this long stops holding back event time");

    public static final Option CHECKPOINT_INTERVAL = Option.of("checkpoint.interval", "10s",
            "checkpoint interval on plain Flink; without it the cluster's execution.checkpointing.interval "
                    + "applies, or this default when the cluster sets none (Managed Flink sets its own)");
    public static final Option PARALLELISM = Option.of("parallelism", null,
            "job parallelism on plain Flink (default: the cluster's)");
    public static final Option METRICS_PER_RULE = Option.of("metrics.per-rule", null,
            "true or false: export an alerts counter per rule, under rule=<id> (default: true, but false on Managed "
                    + "Flink, where each is a billed CloudWatch metric)");
    public static final Option HOSTNAME = Option.of("alerts.hostname", null,
            "the hostname field of alerts, and what evt.hostname gives (default: the TaskManager's host name)");

    public static final List<Option> ALL = List.of(JOB_NAME, KINESIS_STREAMS, KINESIS_REGION, KINESIS_ENDPOINT,
            KINESIS_INITIAL_POSITION, KINESIS_INITIAL_TIMESTAMP, KINESIS_RECORD_PUBLISHER, KINESIS_EFO_CONSUMER,
            KINESIS_PROPERTIES, KAFKA_SOURCE_TOPICS, KAFKA_SOURCE_GROUP, KAFKA_SOURCE_OFFSETS, FILE_PATHS,
            FILE_MONITOR_INTERVAL, KAFKA_BOOTSTRAP, KAFKA_PROPERTIES, TOPIC_CONTROL, TOPIC_STATUS, TOPIC_ALERTS,
            TOPIC_SHADOW_ALERTS, ALERTS_FORMAT, ALERTS_ROUTES, ALERTS_ROUTE, ASFF_PRODUCT_ARN, ASFF_GENERATOR_ID,
            TOPIC_DLQ, DELIVERY, TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT, RULES_BOOTSTRAP, RULES_SIGNING_KEY, RULES_TRUSTED_KEYS,
            RULES_SIGNING_KEY_SECRET, RULES_SIGNING_KEY_SECRET_ENDPOINT,
            RULES_HISTORY, SHADOW_REPORT_WINDOW, RULES_MATCHING, RULES_MIN_PRIORITY, LIMIT_FILE_BYTES, LIMIT_YAML_DEPTH, LIMIT_YAML_ALIASES, LIMIT_ITEMS,
            LIMIT_LIST_ITEMS, LIMIT_CONDITION_NODES, WATERMARK_OUT_OF_ORDERNESS, WATERMARK_IDLENESS, CHECKPOINT_INTERVAL,
            PARALLELISM, METRICS_PER_RULE, HOSTNAME);

    private TrailhawkOptions() {
    }

    static Option find(String key) {
        for (Option o : ALL) {
            if (o.matches(key)) {
                return o;
            }
        }
        return null;
    }
}
