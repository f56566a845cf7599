package io.trailhawk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The job jar as submitted to a cluster: what must be inside, and what must not. Runs after packaging. */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "trailhawk-job.jar");

    @Test
    void jobJar_holdsTheJobConnectorsAndRules_butNoFlinkBrokerScalaLoggingOrKinesisProducerBinaries()
            throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = new ArrayList<>();
            Collections.list(jar.entries()).forEach(e -> names.add(e.getName()));
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.trailhawk.job.TrailhawkJob");
            assertThat(names).contains("io/trailhawk/job/TrailhawkJob.class",
                    "io/trailhawk/rules/RuleCompiler.class",
                    "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                    "org/apache/flink/streaming/connectors/kinesis/FlinkKinesisConsumer.class",
                    "com/amazonaws/services/kinesisanalytics/runtime/KinesisAnalyticsRuntime.class",
                    "com/google/re2j/Pattern.class",
                    "trailhawk/rules/00-lists-and-macros.yaml");
            assertThat(names).noneMatch(n -> n.startsWith("kafka/server/") || n.startsWith("kafka/testkit/"))
                    .noneMatch(n -> n.startsWith("scala/"))
                    .noneMatch(n -> n.startsWith("org/apache/logging/log4j/") || n.startsWith("org/slf4j/"))
                    .noneMatch(n -> n.startsWith("org/apache/flink/streaming/api/environment/"))
                    .noneMatch(n -> n.startsWith("io/trailhawk/job/testing/") || n.endsWith("ITCase.class"))
                    .noneMatch(n -> n.startsWith("org/junit/"))
                    .noneMatch(n -> n.startsWith("amazon-kinesis-producer-native-binaries/"));
            String factories = new String(jar.getInputStream(
                    jar.getEntry("META-INF/services/org.apache.flink.table.factories.Factory")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(factories).contains("KafkaDynamicTableFactory").contains("KinesisDynamicTableFactory");
        }
    }
}
