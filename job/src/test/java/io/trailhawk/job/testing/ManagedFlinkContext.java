package io.trailhawk.job.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.DefaultExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * A context environment configured as Managed Flink configures its clusters from Flink 1.19: programs may not change
 * configuration (`execution.program-config.enabled: false`) except the keys AWS lists, and jobs are submitted
 * detached through the cluster's REST endpoint, as {@code flink run} and the service submit them.
 */
public final class ManagedFlinkContext {
    /**
     * The keys AWS documents as the ones application code may still change on Managed Flink 1.19 and 1.20 (the
     * troubleshooting page on job configuration changes). AWS does not publish the exact wildcard setting; this is
     * the published list, the strictest reading of it.
     */
    public static final List<String> ALLOWED = List.of(
            "pipeline.auto-watermark-interval",
            "pipeline.closure-cleaner-level",
            "pipeline.max-parallelism",
            "pipeline.name",
            "pipeline.operator-chaining.chain-operators-with-different-max-parallelism",
            "pipeline.operator-chaining.enabled",
            "pipeline.vertex-description-mode",
            "pipeline.vertex-name-include-index-prefix",
            "python.execution-mode",
            "python.operator-chaining.enabled");

    private final Configuration cluster;

    private ManagedFlinkContext(Configuration cluster) {
        this.cluster = cluster;
    }

    public static ManagedFlinkContext of(MiniCluster miniCluster) throws Exception {
        URI rest = miniCluster.getRestAddress().get();
        Configuration c = new Configuration();
        c.set(DeploymentOptions.TARGET, "remote");
        c.set(DeploymentOptions.ATTACHED, false);
        c.set(RestOptions.ADDRESS, rest.getHost());
        c.set(RestOptions.PORT, rest.getPort());
        c.set(DeploymentOptions.PROGRAM_CONFIG_ENABLED, false);
        c.set(DeploymentOptions.PROGRAM_CONFIG_WILDCARDS, ALLOWED);
        // Managed Flink runs every application with checkpointing on (60 s by default; shorter here).
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        return new ManagedFlinkContext(c);
    }

    /** A program's main: builds its job on the context environment and executes it. */
    @FunctionalInterface
    public interface Program {
        JobExecutionResult run() throws Exception;
    }

    /** Runs {@code program} with this context as the environment {@code getExecutionEnvironment()} returns. */
    public JobExecutionResult run(Program program) throws Exception {
        StreamContextEnvironment.setAsContext(new DefaultExecutorServiceLoader(), cluster,
                Thread.currentThread().getContextClassLoader(), true, true);
        try {
            return program.run();
        } finally {
            StreamContextEnvironment.unsetAsContext();
        }
    }
}
