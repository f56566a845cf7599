package io.trailhawk.job.testing;

import io.trailhawk.job.TrailhawkJob;
import io.trailhawk.job.config.JobConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A real Flink MiniCluster that runs the Trailhawk job, and can lose a TaskManager on demand. */
public final class JobRunner implements AutoCloseable {
    private final MiniCluster cluster;

    private JobRunner(MiniCluster cluster) {
        this.cluster = cluster;
    }

    public static JobRunner start(int slots) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, 0);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, org.apache.flink.configuration.MemorySize.ofMebiBytes(16));
        MiniCluster c = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        c.start();
        return new JobRunner(c);
    }

    public MiniCluster cluster() {
        return cluster;
    }

    /** Builds the job from raw configuration values and submits it; returns once it is running. */
    public JobID submit(Map<String, String> values) throws Exception {
        return submit(values, null);
    }

    /** The same, restored from the savepoint at {@code savepoint} (null: a fresh start), dropping no state. */
    public JobID submit(Map<String, String> values, String savepoint) throws Exception {
        JobConfig config = JobConfig.of(values, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TrailhawkJob.build(env, config);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        JobID id = cluster.submitJob(graph).get().getJobID();
        waitFor(id, JobStatus.RUNNING, Duration.ofSeconds(60));
        return id;
    }

    public void waitFor(JobID id, JobStatus status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobStatus s = cluster.getJobStatus(id).get();
        while (s != status && System.nanoTime() < deadline) {
            if (s.isGloballyTerminalState()) {
                throw new IllegalStateException("job ended as " + s + " while waiting for " + status);
            }
            Thread.sleep(100);
            s = cluster.getJobStatus(id).get();
        }
        if (s != status) {
            throw new IllegalStateException("job is " + s + ", not " + status + ", after " + timeout);
        }
    }

    /** Kills the only TaskManager, the way a crashed machine would, and starts a new one. */
    public void crashTaskManager() throws Exception {
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();
    }

    /**
     * The metric names the REST API lists for the first vertex whose name starts with {@code vertexPrefix}, once
     * the metric fetcher has seen that vertex's {@code eventsEvaluated} (within 60 s).
     */
    public List<String> operatorMetrics(JobID job, String vertexPrefix) throws Exception {
        return operatorMetrics(job, vertexPrefix, "eventsEvaluated");
    }

    /** As {@link #operatorMetrics(JobID, String)}, waiting for a metric whose name ends with {@code awaited}. */
    public List<String> operatorMetrics(JobID job, String vertexPrefix, String awaited) throws Exception {
        URI rest = cluster.getRestAddress().get();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode vertices = get(http, rest.resolve("/jobs/" + job)).get("vertices");
        String vertex = null;
        for (JsonNode v : vertices) {
            if (v.get("name").asText().startsWith(vertexPrefix)) {
                vertex = v.get("id").asText();
                break;
            }
        }
        if (vertex == null) {
            throw new IllegalStateException("no vertex named " + vertexPrefix + "... in " + vertices);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> names = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            names.clear();
            get(http, rest.resolve("/jobs/" + job + "/vertices/" + vertex + "/metrics"))
                    .forEach(m -> names.add(m.get("id").asText()));
            if (names.stream().anyMatch(n -> n.endsWith(awaited))) {
                return names;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("metrics of " + vertexPrefix + " not reported within 60 s: " + names);
    }

    private static JsonNode get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    /** Stops the job with a savepoint under {@code directory}, as {@code flink stop} does; returns its path. */
    public String stopWithSavepoint(JobID id, java.nio.file.Path directory) throws Exception {
        return cluster.stopWithSavepoint(id, directory.toUri().toString(), false, SavepointFormatType.CANONICAL)
                .get(2, java.util.concurrent.TimeUnit.MINUTES);
    }

    public void cancel(JobID id) throws Exception {
        cluster.cancelJob(id).get();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
