package io.trailhawk.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.job.config.ConfigLoader;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.config.TrailhawkOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker-compose.yml, flink-conf/ and the job configuration they use. No Docker engine runs here, so the compose
 * file is checked for what Compose v2 needs and for every file it mounts.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path p) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(p));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void compose_servicesImagesHealthChecksAndDependencies() throws Exception {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsOnlyKeys("kafka", "kinesis", "jobmanager", "taskmanager", "setup", "producer");
        services.forEach((name, s) -> {
            String image = (String) map(s).get("image");
            assertThat(image).as(name + " image").matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
            assertThat(image).as(name + " image tag").doesNotEndWith(":latest");
        });
        assertThat(map(services.get("jobmanager")).get("image")).asString().startsWith("flink:1.20.");
        assertThat(map(services.get("kafka")).get("image")).asString().startsWith("apache/kafka:3.9.");
        assertThat(map(services.get("kinesis")).get("image")).asString().contains("kinesis-mock");
        for (String s : List.of("kafka", "kinesis", "jobmanager")) {
            Map<String, Object> hc = map(map(services.get(s)).get("healthcheck"));
            assertThat(hc).as(s + " healthcheck").containsKeys("test", "interval", "retries");
        }
        Map<String, Object> setupDeps = map(map(services.get("setup")).get("depends_on"));
        assertThat(map(setupDeps.get("kafka")).get("condition")).isEqualTo("service_healthy");
        assertThat(map(setupDeps.get("kinesis")).get("condition")).isEqualTo("service_healthy");
        assertThat(map(setupDeps.get("jobmanager")).get("condition")).isEqualTo("service_healthy");
        assertThat(map(map(map(services.get("producer")).get("depends_on")).get("setup")).get("condition"))
                .isEqualTo("service_completed_successfully");
        assertThat((List<String>) map(services.get("jobmanager")).get("ports")).contains("127.0.0.1:8081:8081");
        assertThat((List<String>) map(services.get("kafka")).get("ports")).contains("127.0.0.1:9092:9092");
        assertThat((List<String>) map(services.get("kinesis")).get("ports")).contains("127.0.0.1:4568:4568");
        assertThat(map(compose.get("volumes"))).containsKeys("checkpoints", "kafka-data");
    }

    @Test
    void compose_everyMountedFileExistsOrIsBuilt() throws Exception {
        Map<String, Object> services = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
        Map<String, Object> named = map(yaml(ROOT.resolve("docker-compose.yml")).get("volumes"));
        for (Map.Entry<String, Object> s : services.entrySet()) {
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) map(s.getValue()).getOrDefault("volumes", List.of());
            for (String v : volumes) {
                String source = v.split(":")[0];
                if (!source.startsWith(".")) {
                    assertThat(named).as(s.getKey() + ": named volume " + source).containsKey(source);
                    continue;
                }
                Path p = ROOT.resolve(source);
                if (source.contains("/target/")) {
                    // Built by ./mvnw package: the module exists and its shade plugin names that jar.
                    String module = source.substring(2, source.indexOf("/target/"));
                    String jar = p.getFileName().toString().replace(".jar", "");
                    assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml")))
                            .as(s.getKey() + ": " + source).contains("<finalName>" + jar + "</finalName>");
                } else {
                    assertThat(p).as(s.getKey() + ": " + source).exists();
                }
            }
        }
        assertThat(ROOT.resolve("deploy/compose/setup.sh")).isExecutable();
    }

    @Test
    void composeJobConfiguration_isValid() throws Exception {
        JobConfig c = ConfigLoader.fromArgs(new String[] {"--config", ROOT.resolve("deploy/compose/job.yaml").toString()});
        assertThat(c.kinesisStreams()).containsExactly("cloudtrail");
        assertThat(c.kafkaSourceTopics()).containsExactly("cloudtrail-events");
        assertThat(c.bootstrapServers()).isEqualTo("kafka:19092");
        assertThat(c.get(TrailhawkOptions.RULES_BOOTSTRAP)).isEqualTo("bundled");
    }

    @Test
    void flinkConf_isFlink120ConfigYamlWithCheckpointingStateAndRestarts() throws Exception {
        Map<String, Object> conf = yaml(ROOT.resolve("flink-conf/config.yaml"));
        Map<String, Object> checkpointing = map(map(conf.get("execution")).get("checkpointing"));
        assertThat(checkpointing).containsEntry("mode", "EXACTLY_ONCE").containsKey("interval");
        assertThat(map(map(conf.get("state")).get("checkpoints")).get("dir")).asString().startsWith("file:///checkpoints");
        assertThat(map(map(conf.get("state")).get("backend"))).containsEntry("type", "rocksdb")
                .containsEntry("incremental", true);
        assertThat(org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(
                ROOT.resolve("flink-conf").toString()).toMap())
                .as("as Flink reads it").containsEntry("state.backend.rocksdb.use-bloom-filter", "true")
                .containsEntry("state.backend.rocksdb.memory.partitioned-index-filters", "true")
                .containsEntry("state.backend.type", "rocksdb");
        assertThat(map(conf.get("restart-strategy"))).containsKey("type");
        assertThat(map(conf.get("metrics"))).containsKey("reporters");
        assertThat(map(map(map(conf.get("env")).get("java")).get("opts")).get("all")).asString()
                .contains("--add-opens=java.base/java.util=ALL-UNNAMED");
        for (String f : List.of("log4j-console.properties", "log4j.properties", "log4j-cli.properties")) {
            assertThat(ROOT.resolve("flink-conf").resolve(f)).exists();
        }
    }
}
