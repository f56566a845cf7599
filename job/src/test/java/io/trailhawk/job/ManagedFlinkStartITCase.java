package io.trailhawk.job;

import static io.trailhawk.job.testing.EmbeddedKafka.any;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.job.config.ConfigLoader;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.testing.BrokerAndCluster;
import io.trailhawk.job.testing.EmbeddedKafka;
import io.trailhawk.job.testing.Events;
import io.trailhawk.job.testing.ManagedFlinkContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.MutatedConfigurationException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job started as Managed Flink starts it: configuration from application properties, submitted through a
 * context environment whose cluster forbids program configuration outside AWS's allowlist, so that Flink's own
 * check of what the program changed runs before the job is accepted.
 */
class ManagedFlinkStartITCase {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final BrokerAndCluster ENV = new BrokerAndCluster();

    private static Path applicationProperties(Path dir, EmbeddedKafka.Topics t) throws Exception {
        String json = "[{\"PropertyGroupId\": \"Trailhawk\", \"PropertyMap\": {"
                + "\"kafka.bootstrap-servers\": \"" + ENV.kafka().bootstrapServers() + "\","
                + "\"topic.control\": \"" + t.control + "\", \"topic.status\": \"" + t.status + "\","
                + "\"topic.alerts\": \"" + t.alerts + "\", \"topic.dlq\": \"" + t.dlq + "\","
                + "\"sink.transactional-id-prefix\": \"tx-" + t.alerts + "\","
                + "\"rules.bootstrap\": \"" + Path.of("src/test/resources/rules").toAbsolutePath() + "\","
                + "\"alerts.hostname\": \"managed\"}},"
                + "{\"PropertyGroupId\": \"source.kafka\", \"PropertyMap\": {\"topics\": \"" + t.events + "\","
                + "\"group-id\": \"g-" + t.events + "\"}}]";
        Path file = dir.resolve("application_properties.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void theJobStartsUnderManagedFlinksConfigurationRules_andProcessesEvents(@TempDir Path dir) throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        JobConfig config = ConfigLoader.fromApplicationPropertiesFile(applicationProperties(dir, t));
        assertThat(config.onManagedFlink()).isTrue();

        JobExecutionResult submitted = ManagedFlinkContext.of(ENV.flink().cluster()).run(() -> TrailhawkJob.run(config));
        JobID job = submitted.getJobID();
        ENV.flink().waitFor(job, JobStatus.RUNNING, Duration.ofSeconds(60));

        ENV.kafka().send(t.events, null, Events.record("StopLogging", "m-1"));
        List<String> alerts = ENV.kafka().readUntil(t.alerts, WAIT, any(a -> a.contains("event=m-1")));
        assertThat(alerts).anyMatch(a -> a.contains("\"hostname\":\"managed\""));
        // What CloudWatch would receive: gauges for evaluation time, no histogram, no per-rule metrics by default.
        List<String> metrics = ENV.flink().operatorMetrics(job, "detect");
        assertThat(metrics).anyMatch(m -> m.endsWith("kinesisanalytics.Program.Trailhawk.evaluationNanosP99"))
                .anyMatch(m -> m.endsWith("kinesisanalytics.Program.Trailhawk.eventsEvaluated"))
                .noneMatch(m -> m.contains("evaluationNanos_"))
                .noneMatch(m -> m.contains(".rule."));
        ENV.flink().cancel(job);
    }

    @Test
    void aSettingOutsideTheAllowlist_isRefusedAtSubmission(@TempDir Path dir) throws Exception {
        EmbeddedKafka.Topics t = ENV.kafka().createTopics(1);
        JobConfig config = ConfigLoader.fromApplicationPropertiesFile(applicationProperties(dir, t));
        // What the job used to do on every Flink: the check must catch it, or the test above proves nothing.
        assertThatThrownBy(() -> ManagedFlinkContext.of(ENV.flink().cluster()).run(() -> {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.getConfig().enableObjectReuse();
            TrailhawkJob.build(env, config);
            return env.execute("forbidden");
        })).isInstanceOf(MutatedConfigurationException.class).hasMessageContaining("pipeline.object-reuse");
    }
}
