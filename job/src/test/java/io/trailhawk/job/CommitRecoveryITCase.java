package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.atLeast;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.detect.RulesetBuilder;
import io.trailhawk.job.sink.KafkaSinks;
import io.trailhawk.job.testing.CommitFailsOnce;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.JobRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across the one failure that two-phase commit exists for: the job fails after a checkpoint has
 * completed and before its Kafka transaction is committed. The connector, built against an older kafka-clients than
 * the 3.9 the job runs with, resumes that transaction by reflection on restore; this shows it still can.
 */
class CommitRecoveryITCase {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void failureBetweenCheckpointAndCommit_commitsThePendingTransactionOnRestore_exactlyOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); JobRunner flink = JobRunner.start(2)) {
            EmbeddedKafka.Topics t = kafka.createTopics(1);
            Map<String, String> c = new HashMap<>();
            c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            c.put("source.kafka.topics", t.events);
            c.put("topic.control", t.control);
            c.put("rules.bootstrap", Path.of("src/test/resources/rules").toAbsolutePath().toString());
            c.put("checkpoint.interval", "500ms");
            c.put("parallelism", "1");
            c.put("sink.transactional-id-prefix", "tx-" + t.alerts);
            JobConfig config = JobConfig.of(c, false);

            CommitFailsOnce.FAILURES.set(0);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            RulesetBuilder rules = TrailhawkJob.prepare(env, config);
            TrailhawkJob.Streams streams = TrailhawkJob.wire(env, config, rules, TrailhawkJob.payloads(env, config));
            streams.alerts.sinkTo(CommitFailsOnce.wrap(KafkaSinks.alerts(config, t.alerts))).uid("sink-alerts");
            JobID job = flink.cluster().submitJob(env.getStreamGraph().getJobGraph()).get().getJobID();
            flink.waitFor(job, JobStatus.RUNNING, Duration.ofSeconds(60));

            for (int i = 0; i < 20; i++) {
                kafka.send(t.events, null, Events.record("StopLogging", String.format("p-%02d", i)));
            }
            kafka.readUntil(t.alerts, WAIT, atLeast(20));
            assertThat(CommitFailsOnce.FAILURES.get()).as("the injected failure happened").isEqualTo(1);
            for (int i = 20; i < 40; i++) {
                kafka.send(t.events, null, Events.record("StopLogging", String.format("p-%02d", i)));
            }
            kafka.readUntil(t.alerts, WAIT, atLeast(40));
            Thread.sleep(2000);
            List<String> alerts = kafka.readUntil(t.alerts, Duration.ofSeconds(5), atLeast(Integer.MAX_VALUE));
            List<String> ids = alerts.stream().map(a -> a.replaceAll(".*event=(p-\\d+).*", "$1"))
                    .collect(Collectors.toList());
            assertThat(ids).hasSize(40).doesNotHaveDuplicates();
            flink.cancel(job);
        }
    }
}
