package io.trailhawk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.job.TrailhawkJob;
import io.trailhawk.job.config.JobConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A Flink MiniCluster with the web UI, running the Trailhawk job. */
public final class LocalFlink implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MiniCluster cluster;
    private final int uiPort;
    private final Path checkpoints;
    private final HttpClient http = HttpClient.newHttpClient();
    private JobID job;

    private LocalFlink(MiniCluster cluster, int uiPort, Path checkpoints) {
        this.cluster = cluster;
        this.uiPort = uiPort;
        this.checkpoints = checkpoints;
    }

    public static LocalFlink start(int uiPort, int slots) throws Exception {
        return start(uiPort, slots, MemorySize.ofMebiBytes(64));
    }

    /** With {@code managedMemory} for the TaskManager: what RocksDB state uses for its caches and write buffers. */
    public static LocalFlink start(int uiPort, int slots, MemorySize managedMemory) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, uiPort);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemory);
        // Checkpoints go to files, not to the JobManager's memory: that storage refuses a checkpoint over 5 MB,
        // which stateful rules reach at some tens of thousands of groups, and each refusal restarts the job.
        Path checkpoints = Files.createTempDirectory("trailhawk-local-checkpoints");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        // The web UI's metric cache: refreshed often, so progress and drain checks see current counts.
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        MiniCluster c = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        c.start();
        return new LocalFlink(c, uiPort, checkpoints);
    }

    public String webUi() {
        return "http://localhost:" + uiPort;
    }

    public void submit(Map<String, String> config, Duration timeout) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TrailhawkJob.build(env, JobConfig.of(config, false));
        submit(env.getStreamGraph().getJobGraph(), timeout);
    }

    /** Submits any job graph and waits until it runs. */
    public void submit(JobGraph graph, Duration timeout) throws Exception {
        job = cluster.submitJob(graph).get().getJobID();
        long deadline = System.nanoTime() + timeout.toNanos();
        JobStatus s = cluster.getJobStatus(job).get();
        while (s != JobStatus.RUNNING) {
            if (s.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not start: " + s);
            }
            Thread.sleep(100);
            s = cluster.getJobStatus(job).get();
        }
    }

    /** The sum over subtasks of one of the detect operator's metrics, such as {@code eventsEvaluated}. */
    public long detectMetric(String name) throws IOException, InterruptedException {
        JsonNode vertices = get("/jobs/" + job).path("vertices");
        for (JsonNode v : vertices) {
            if (!v.path("name").asText().startsWith("detect")) {
                continue;
            }
            String base = "/jobs/" + job + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
            for (JsonNode m : get(base)) {
                String id = m.path("id").asText();
                if (id.endsWith("trailhawk." + name)) {
                    JsonNode value = get(base + "?get=" + id + "&agg=sum");
                    return value.size() == 0 ? 0 : (long) value.get(0).path("sum").asDouble();
                }
            }
        }
        return 0;
    }

    /**
     * Metrics of the Kafka source's vertex, each the maximum over its subtasks, by name: a task's (such as
     * {@code backPressuredTimeMsPerSecond}) or its operators' (such as {@code pendingRecords}). Absent ones are left
     * out.
     */
    public JsonNode sourceMetrics(String... names) throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.node.ObjectNode out = MAPPER.createObjectNode();
        for (JsonNode v : get("/jobs/" + job).path("vertices")) {
            if (!v.path("name").asText().startsWith("Source: kafka")) {
                continue;
            }
            String base = "/jobs/" + job + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
            for (JsonNode m : get(base)) {
                String id = m.path("id").asText();
                for (String name : names) {
                    if (id.equals(name) || id.endsWith("." + name)) {
                        JsonNode value = get(base + "?get=" + id + "&agg=max");
                        if (value.size() > 0) {
                            out.put(name, value.get(0).path("max").asDouble());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The running job's checkpoint statistics, as the REST API gives them ({@code /jobs/:id/checkpoints}). */
    public JsonNode checkpoints() throws IOException, InterruptedException {
        return get("/jobs/" + job + "/checkpoints");
    }

    /** How many times the running job has restarted since it was submitted. */
    public long restarts() throws IOException, InterruptedException {
        JsonNode m = get("/jobs/" + job + "/metrics?get=numRestarts");
        return m.size() == 0 ? 0 : m.get(0).path("value").asLong();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(webUi() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
        if (job != null) {
            try {
                cluster.cancelJob(job).get();
            } catch (Exception e) {
                // already gone
            }
        }
        cluster.close();
        if (Files.exists(checkpoints)) {
            try (Stream<Path> files = Files.walk(checkpoints)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
