package io.trailhawk.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.job.config.ConfigLoader;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.config.TrailhawkOptions;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example application properties of the Managed Flink guide: they load through the job's configuration loader,
 * and they stay within what the Managed Flink API accepts (EnvironmentProperties, PropertyGroup).
 */
class ManagedFlinkPropertiesTest {
    private static final Path FILE = Path.of("..", "docs", "managed-flink", "application-properties.json");
    private static final int MAX_GROUPS = 50;
    private static final int MAX_GROUP_ID = 50;
    private static final int MAX_KEYS_PER_GROUP = 50;
    private static final int MAX_KEY_OR_VALUE = 2048;

    @Test
    void theExample_loadsThroughTheJobsConfigurationLoader() throws Exception {
        JobConfig c = ConfigLoader.fromApplicationPropertiesFile(FILE);
        assertThat(c.onManagedFlink()).isTrue();
        assertThat(c.kinesisStreams()).containsExactly("cloudtrail-eventbridge", "cloudtrail-logs");
        assertThat(c.kafkaSourceTopics()).containsExactly("cloudtrail-events");
        assertThat(c.filePaths()).containsExactly("s3://my-cloudtrail-bucket/AWSLogs/");
        assertThat(c.kafkaClientProperties()).containsEntry("sasl.mechanism", "AWS_MSK_IAM");
        assertThat(c.delivery()).isEqualTo(JobConfig.Delivery.EXACTLY_ONCE);
        assertThat(c.get(TrailhawkOptions.RULES_SIGNING_KEY)).as("no secret in plain properties").isNull();
        assertThat(c.get(TrailhawkOptions.RULES_SIGNING_KEY_SECRET)).startsWith("arn:aws:secretsmanager:");
        assertThat(c.perRuleMetrics()).as("per-rule metrics are billed; off by default on Managed Flink").isFalse();
    }

    @Test
    void theExample_staysWithinTheLimitsOfManagedFlinksApi() throws Exception {
        JsonNode groups = new ObjectMapper().readTree(FILE.toFile());
        assertThat(groups.size()).isBetween(1, MAX_GROUPS);
        for (JsonNode g : groups) {
            String id = g.get("PropertyGroupId").asText();
            assertThat(id).as("group id").hasSizeBetween(1, MAX_GROUP_ID).matches("[a-zA-Z0-9_.-]+");
            JsonNode map = g.get("PropertyMap");
            assertThat(map.size()).as("keys of %s", id).isBetween(1, MAX_KEYS_PER_GROUP);
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                assertThat(e.getKey()).as("key in %s", id).hasSizeBetween(1, MAX_KEY_OR_VALUE);
                assertThat(e.getValue().isTextual()).as("%s.%s is a string", id, e.getKey()).isTrue();
                assertThat(e.getValue().asText()).as("%s.%s", id, e.getKey()).hasSizeBetween(1, MAX_KEY_OR_VALUE);
            }
        }
    }
}
