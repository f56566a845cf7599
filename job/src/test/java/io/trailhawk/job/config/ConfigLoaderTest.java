package io.trailhawk.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.job.source.KinesisEventSource;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.RuleMatching;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void args_withDefaults() throws Exception {
        JobConfig c = ConfigLoader.fromArgs(new String[] {"--kafka.bootstrap-servers", "k:9092",
            "--source.kafka.topics=a, b", "--rules.min-priority", "warning"});
        assertThat(c.kafkaSourceTopics()).containsExactly("a", "b");
        assertThat(c.get(TrailhawkOptions.TOPIC_CONTROL)).isEqualTo("trailhawk-rules");
        assertThat(c.delivery()).isEqualTo(JobConfig.Delivery.EXACTLY_ONCE);
        assertThat(c.transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.minPriority()).isEqualTo(Priority.WARNING);
        assertThat(c.ruleMatching()).isEqualTo(RuleMatching.ALL);
        assertThat(c.onManagedFlink()).isFalse();
    }

    @Test
    void configFile_propertiesAndYaml_argsWin() throws Exception {
        Path props = dir.resolve("job.properties");
        Files.writeString(props, "kafka.bootstrap-servers=k:9092\nsource.files.paths=/data\ntopic.alerts=x\n");
        JobConfig c = ConfigLoader.fromArgs(new String[] {"--config", props.toString(), "--topic.alerts", "y"});
        assertThat(c.get(TrailhawkOptions.TOPIC_ALERTS)).isEqualTo("y");
        Path yaml = dir.resolve("job.yaml");
        Files.writeString(yaml, "kafka:\n  bootstrap-servers: k:9092\n  properties:\n    security.protocol: SASL_SSL\n"
                + "source:\n  files:\n    paths: s3://bucket/AWSLogs/\n    monitor-interval: 60s\n");
        JobConfig y = ConfigLoader.fromArgs(new String[] {"--config", yaml.toString()});
        assertThat(y.filePaths()).containsExactly("s3://bucket/AWSLogs/");
        assertThat(y.fileMonitorInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(y.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void managedFlinkPropertyGroups() {
        Properties main = new Properties();
        main.setProperty("kafka.bootstrap-servers", "b-1.msk:9098");
        Properties kinesis = new Properties();
        kinesis.setProperty("streams", "cloudtrail");
        kinesis.setProperty("region", "eu-west-1");
        Properties kafkaProps = new Properties();
        kafkaProps.setProperty("sasl.mechanism", "AWS_MSK_IAM");
        JobConfig c = ConfigLoader.fromPropertyGroups(Map.of("Trailhawk", main, "source.kinesis", kinesis,
                "kafka.properties", kafkaProps));
        assertThat(c.onManagedFlink()).isTrue();
        assertThat(c.kinesisStreams()).containsExactly("cloudtrail");
        assertThat(c.kafkaClientProperties()).containsEntry("sasl.mechanism", "AWS_MSK_IAM");
        Properties consumer = KinesisEventSource.consumerProperties(c);
        assertThat(consumer).containsEntry("aws.region", "eu-west-1").containsEntry("flink.stream.initpos", "LATEST")
                .containsEntry("flink.stream.recordpublisher", "POLLING");
    }

    @Test
    void badOrMissingKeys_areNamed() {
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--kafka.bootstrap-servers", "k",
            "--source.kafka.topic", "a"}))
                .hasMessageContaining("unknown configuration key 'source.kafka.topic'")
                .hasMessageContaining("no source configured");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--source.kafka.topics", "a"}))
                .hasMessageContaining("missing required key kafka.bootstrap-servers");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--kafka.bootstrap-servers", "k",
            "--source.kinesis.streams", "s"}))
                .hasMessageContaining("missing required key source.kinesis.region");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--kafka.bootstrap-servers", "k",
            "--source.kafka.topics", "a", "--sink.delivery-guarantee", "maybe", "--checkpoint.interval", "soon",
            "--rules.min-priority", "loud", "--parallelism", "0"}))
                .hasMessageContaining("sink.delivery-guarantee: 'maybe'")
                .hasMessageContaining("checkpoint.interval: 'soon' is not a duration")
                .hasMessageContaining("rules.min-priority: 'loud' is not a priority")
                .hasMessageContaining("parallelism: '0' is not a positive integer");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--kafka.bootstrap-servers", "k",
            "--source.kinesis.streams", "s", "--source.kinesis.region", "us-east-1",
            "--source.kinesis.record-publisher", "EFO"}))
                .hasMessageContaining("missing required key source.kinesis.efo.consumer-name");
    }

    @Test
    void describe_masksSecrets() throws Exception {
        JobConfig c = ConfigLoader.fromArgs(new String[] {"--kafka.bootstrap-servers", "k", "--source.kafka.topics",
            "a", "--rules.signing-key", "hunter2", "--kafka.properties.sasl.jaas.config", "secret stuff"});
        assertThat(c.describe()).containsEntry("rules.signing-key", "****")
                .containsEntry("kafka.properties.sasl.jaas.config", "****");
    }
}
