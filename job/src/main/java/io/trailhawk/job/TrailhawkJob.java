package io.trailhawk.job;

import io.trailhawk.control.ControlTopics;
import io.trailhawk.job.config.ConfigException;
import io.trailhawk.job.config.ConfigLoader;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.config.TrailhawkOptions;
import io.trailhawk.job.decode.DecodedRecord;
import io.trailhawk.job.decode.PayloadDecoder;
import io.trailhawk.job.config.AlertRoutes;
import io.trailhawk.job.detect.AlertRecord;
import io.trailhawk.job.detect.AlertWriter;
import io.trailhawk.job.sink.AlertRoute;
import io.trailhawk.job.detect.BootstrapRules;
import io.trailhawk.job.detect.ControlRecordDeserializer;
import io.trailhawk.job.detect.ControlWatermarks;
import io.trailhawk.job.detect.GroupKeyType;
import io.trailhawk.job.detect.RuleEvaluator;
import io.trailhawk.job.detect.RuleFileUpdate;
import io.trailhawk.job.detect.RulesetBuilder;
import io.trailhawk.job.detect.ShadowAlertCounts;
import io.trailhawk.job.detect.ShadowAlerts;
import io.trailhawk.job.detect.StartSignal;
import io.trailhawk.job.detect.StatefulDetector;
import io.trailhawk.job.sink.KafkaSinks;
import io.trailhawk.job.source.FileEventSource;
import io.trailhawk.job.source.KafkaEventSource;
import io.trailhawk.job.source.KinesisEventSource;
import io.trailhawk.job.source.RawPayload;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.stateful.GroupKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Trailhawk streaming job: wiring only. Each stage lives in its own package. */
public final class TrailhawkJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrailhawkJob.class);

    private TrailhawkJob() {
    }

    public static void main(String[] args) throws Exception {
        run(ConfigLoader.load(args));
    }

    /**
     * Builds the job on the environment Flink provides (the context environment of {@code flink run}, the REST
     * API or Managed Flink, which checks what the program changes in its configuration) and executes it.
     */
    public static JobExecutionResult run(JobConfig config) throws Exception {
        LOG.info("configuration{}: {}", config.onManagedFlink() ? " (Managed Flink)" : "", config.describe());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config);
        return env.execute(config.jobName());
    }

    /** Adds the whole pipeline to {@code env}. Fails at once when the bootstrap rules do not compile. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) throws IOException {
        RulesetBuilder rules = prepare(env, config);
        Streams streams = wire(env, config, rules, payloads(env, config));
        streams.alerts.sinkTo(KafkaSinks.alerts(config, config.get(TrailhawkOptions.TOPIC_ALERTS)))
                .name("alerts").uid("sink-alerts");
        streams.shadowAlerts.sinkTo(KafkaSinks.alerts(config, config.get(TrailhawkOptions.TOPIC_SHADOW_ALERTS),
                "-shadow")).name("shadow alerts").uid("sink-shadow-alerts");
        streams.status.sinkTo(KafkaSinks.strings(config, config.get(TrailhawkOptions.TOPIC_STATUS),
                ControlTopics.STATUS_KEY)).name("ruleset status").uid("sink-status");
        streams.deadLetters.sinkTo(KafkaSinks.strings(config, config.get(TrailhawkOptions.TOPIC_DLQ), null))
                .name("dead letters").uid("sink-dlq");
    }

    /** The job's outputs before their sinks. */
    public static final class Streams {
        public final DataStream<AlertRecord> alerts;
        /** Alerts of rules in shadow, which never join {@link #alerts}. */
        public final DataStream<AlertRecord> shadowAlerts;
        public final DataStream<String> status;
        public final DataStream<String> deadLetters;

        Streams(DataStream<AlertRecord> alerts, DataStream<AlertRecord> shadowAlerts, DataStream<String> status,
                DataStream<String> deadLetters) {
            this.alerts = alerts;
            this.shadowAlerts = shadowAlerts;
            this.status = status;
            this.deadLetters = deadLetters;
        }
    }

    /** Decoding, event time, rule updates and detection over any stream of payloads. */
    public static Streams wire(StreamExecutionEnvironment env, JobConfig config, RulesetBuilder rules,
            DataStream<RawPayload> payloads) {
        SingleOutputStreamOperator<DecodedRecord> decoded = payloads
                .process(new PayloadDecoder(JobMetrics.of(config))).name("decode").uid("decode");
        DataStream<DecodedRecord> events = decoded.assignTimestampsAndWatermarks(
                WatermarkStrategy.<DecodedRecord>forBoundedOutOfOrderness(config.outOfOrderness())
                        .withTimestampAssigner((r, ts) -> r.eventTimeMillis)
                        .withIdleness(config.idleness()))
                .name("event time").uid("event-time");

        DataStream<RuleFileUpdate> started = env.addSource(new StartSignal(), "start signal",
                TypeInformation.of(RuleFileUpdate.class)).uid("source-start").setParallelism(1);
        BroadcastStream<RuleFileUpdate> updates = env
                .fromSource(controlSource(config), ControlWatermarks.neverHoldBack(), "rule updates")
                .uid("source-control").setParallelism(1)
                .union(started)
                .broadcast(RuleEvaluator.RULE_FILES, RuleEvaluator.RULESET_META, RuleEvaluator.RULESET_HISTORY);

        String hostname = config.get(TrailhawkOptions.HOSTNAME);
        AlertWriter writer = new AlertWriter(AlertRoutes.of(config), config.get(TrailhawkOptions.ASFF_PRODUCT_ARN),
                config.get(TrailhawkOptions.ASFF_GENERATOR_ID));
        SingleOutputStreamOperator<AlertRecord> alerts = events.connect(updates)
                .process(new RuleEvaluator(rules, config.rulesHistory(), hostname, JobMetrics.of(config), writer))
                .name("detect").uid("detect");
        SingleOutputStreamOperator<AlertRecord> statefulAlerts = alerts.getSideOutput(RuleEvaluator.STATEFUL_MATCHES)
                .keyBy(m -> GroupKey.fromBytes(m.key), GroupKeyType.INSTANCE)
                .connect(updates)
                .process(new StatefulDetector(rules, config.rulesHistory(), hostname, JobMetrics.of(config), writer))
                .name("detect stateful").uid(StatefulDetector.UID);
        DataStream<AlertRecord> shadowAlerts = alerts.getSideOutput(ShadowAlerts.TAG)
                .union(statefulAlerts.getSideOutput(ShadowAlerts.TAG));
        return new Streams(alerts.union(statefulAlerts), shadowAlerts,
                alerts.getSideOutput(RuleEvaluator.STATUS)
                        .union(ShadowAlertCounts.of(shadowAlerts, config.shadowReportWindow())),
                decoded.getSideOutput(PayloadDecoder.DEAD_LETTERS)
                        .union(alerts.getSideOutput(PayloadDecoder.DEAD_LETTERS)));
    }

    /**
     * Applies the environment settings the job owns off Managed Flink, and compiles the bootstrap rules once here,
     * so that a broken ruleset stops the submission instead of failing on a TaskManager.
     *
     * <p>On Managed Flink the program changes no configuration at all: from Flink 1.19 the service refuses a
     * program that sets anything outside its allowlist, and it owns checkpointing and parallelism anyway.
     */
    public static RulesetBuilder prepare(StreamExecutionEnvironment env, JobConfig config) throws IOException {
        if (!config.onManagedFlink()) {
            // Every operator here emits new objects and keeps none it was given, so chained operators may share
            // them instead of Flink copying each record's bytes between them.
            env.getConfig().enableObjectReuse();
            // The cluster's checkpoint settings stand unless the job is given an interval or the cluster has none.
            boolean clusterCheckpoints = env.getCheckpointConfig().isCheckpointingEnabled();
            if (config.isSet(TrailhawkOptions.CHECKPOINT_INTERVAL) || !clusterCheckpoints) {
                env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
            }
            if (config.parallelism() != null) {
                env.setParallelism(config.parallelism());
            }
        }
        Map<String, String> bootstrap = BootstrapRules.load(config.get(TrailhawkOptions.RULES_BOOTSTRAP));
        List<AlertRoute> routes = AlertRoutes.of(config);
        RulesetBuilder rules = new RulesetBuilder(bootstrap, config.ruleMatching(), config.minPriority(),
                config.ruleLimits(), AlertWriter.needsEventFacts(routes));
        RulesetBuilder.Outcome first = rules.build(Map.of(), FieldRegistry.DEFAULT_HOSTNAME);
        if (!first.activated()) {
            throw new ConfigException(TrailhawkOptions.RULES_BOOTSTRAP.key() + ": the bootstrap rules do not compile: "
                    + first.issues);
        }
        Set<String> tags = new HashSet<>();
        first.ruleset.rules().forEach(r -> tags.addAll(r.tags()));
        AlertRoutes.checkTags(routes, tags);
        LOG.info("bootstrap ruleset: {} rules from {} files", first.ruleset.ruleCount(), first.files.size());
        return rules;
    }

    /** Every configured source, as one stream of payloads. */
    public static DataStream<RawPayload> payloads(StreamExecutionEnvironment env, JobConfig config) {
        List<DataStream<RawPayload>> sources = new ArrayList<>();
        if (!config.kinesisStreams().isEmpty()) {
            sources.add(env.addSource(KinesisEventSource.create(config)).name("kinesis").uid("source-kinesis"));
        }
        if (!config.kafkaSourceTopics().isEmpty()) {
            sources.add(env.fromSource(KafkaEventSource.create(config), WatermarkStrategy.noWatermarks(), "kafka")
                    .uid("source-kafka"));
        }
        if (!config.filePaths().isEmpty()) {
            sources.add(env.fromSource(FileEventSource.create(config), WatermarkStrategy.noWatermarks(), "files")
                    .uid("source-files"));
        }
        DataStream<RawPayload> all = sources.get(0);
        for (int i = 1; i < sources.size(); i++) {
            all = all.union(sources.get(i));
        }
        return all;
    }

    private static KafkaSource<RuleFileUpdate> controlSource(JobConfig config) {
        return KafkaSource.<RuleFileUpdate>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setProperties(config.kafkaClientProperties())
                .setTopics(config.get(TrailhawkOptions.TOPIC_CONTROL))
                .setGroupId(config.jobName() + "-control")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ControlRecordDeserializer(config.trustedKeys(),
                        config.ruleLimits().fileChars()))
                .build();
    }
}
