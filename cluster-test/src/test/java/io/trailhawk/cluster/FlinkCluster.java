package io.trailhawk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink session cluster of separate processes, as a standalone deployment runs it: one JobManager and any number
 * of TaskManagers, each a JVM of its own with a Flink distribution's classpath, configured from the repository's
 * {@code flink-conf/} with only addresses, ports, directories and memory changed. Jobs are submitted through the
 * REST API, as {@code flink run} and the web UI do.
 */
final class FlinkCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Path conf;
    private final String classpath;
    private final List<String> jvmArgs;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<JavaProcess> processes = new ArrayList<>();
    private JavaProcess jobManager;
    private int taskManagers;

    private FlinkCluster(Path dir, Path conf, String classpath, List<String> jvmArgs, int restPort) {
        this.dir = dir;
        this.conf = conf;
        this.classpath = classpath;
        this.jvmArgs = jvmArgs;
        this.restPort = restPort;
    }

    /** Writes the configuration; {@code overrides} go on top of the repository's and of this class's changes. */
    static FlinkCluster configure(Path dir, Path repositoryConf, String classpath, String opens,
            Map<String, String> overrides) throws IOException {
        Configuration c = GlobalConfiguration.loadConfiguration(repositoryConf.toString());
        Map<String, String> m = new TreeMap<>(c.toMap());
        m.keySet().removeIf(k -> k.startsWith("metrics.reporter") || k.startsWith("env.java"));
        int rest = Ports.free();
        m.put("jobmanager.rpc.address", "127.0.0.1");
        m.put("jobmanager.rpc.port", String.valueOf(Ports.free()));
        m.put("jobmanager.bind-host", "127.0.0.1");
        m.put("taskmanager.bind-host", "127.0.0.1");
        m.put("taskmanager.host", "127.0.0.1");
        m.put("rest.address", "127.0.0.1");
        m.put("rest.bind-address", "127.0.0.1");
        m.put("rest.port", String.valueOf(rest));
        m.put("blob.server.port", String.valueOf(Ports.free()));
        m.put("jobmanager.memory.process.size", "1024m");
        m.put("taskmanager.memory.process.size", "1600m");
        m.put("state.checkpoints.dir", dir.resolve("checkpoints").toUri().toString());
        m.put("state.savepoints.dir", dir.resolve("savepoints").toUri().toString());
        m.put("io.tmp.dirs", dir.resolve("tmp").toString());
        m.put("web.upload.dir", dir.resolve("uploads").toString());
        m.putAll(overrides);
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("uploads"));
        Path confDir = Files.createDirectories(dir.resolve("conf"));
        StringBuilder yaml = new StringBuilder();
        m.forEach((k, v) -> yaml.append(k).append(": ").append(JSON.valueToTree(v).toString()).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml.toString());
        List<String> jvm = new ArrayList<>(Arrays.asList(opens.trim().split("\\s+")));
        return new FlinkCluster(dir, confDir, classpath, jvm, rest);
    }

    void startJobManager() throws Exception {
        List<String> jvm = new ArrayList<>(jvmArgs);
        jvm.add("-Xmx512m");
        jobManager = JavaProcess.start("jobmanager", classpath, jvm,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                List.of("--configDir", conf.toString()), dir);
        processes.add(jobManager);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("the JobManager exited: " + jobManager.output());
            }
            try {
                get("/overview");
                return;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the JobManager's REST API did not answer within 90 s");
    }

    /** Starts a TaskManager and waits until the JobManager counts it. */
    JavaProcess startTaskManager() throws Exception {
        java.util.Set<String> before = taskManagerIds();
        // What the start scripts do: memory sizes derived from the configuration, as JVM flags and as settings.
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(
                GlobalConfiguration.loadConfiguration(conf.toString()));
        List<String> jvm = new ArrayList<>(jvmArgs);
        jvm.addAll(Arrays.asList(ProcessMemoryUtils.generateJvmParametersStr(spec).trim().split("\\s+")));
        List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
        args.addAll(Arrays.asList(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec).trim().split("\\s+")));
        JavaProcess tm = JavaProcess.start("taskmanager-" + (++taskManagers), classpath, jvm,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args, dir);
        processes.add(tm);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (before.containsAll(taskManagerIds()) && System.nanoTime() < deadline) {
            if (!tm.isAlive()) {
                throw new IllegalStateException(tm.name() + " exited: " + tm.output());
            }
            Thread.sleep(200);
        }
        return tm;
    }

    /** The TaskManagers the JobManager knows, a killed one included until its heartbeats have failed. */
    private java.util.Set<String> taskManagerIds() throws IOException, InterruptedException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        get("/taskmanagers").path("taskmanagers").forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    /**
     * Uploads the jar and runs its main class with {@code args} at {@code parallelism}, as {@code flink run -p} does;
     * returns the job id.
     */
    String submit(Path jar, List<String> args, int parallelism) throws IOException, InterruptedException {
        return submit(jar, args, parallelism, null);
    }

    /** The same, restored from {@code savepoint} (null: a fresh start). */
    String submit(Path jar, List<String> args, int parallelism, String savepoint)
            throws IOException, InterruptedException {
        String boundary = "----trailhawk" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = uploaded.path("filename").asText();
        String jarId = Path.of(file).getFileName().toString();
        ObjectNode run = JSON.createObjectNode();
        args.forEach(run.putArray("programArgsList")::add);
        run.put("parallelism", parallelism);
        if (savepoint != null) {
            run.put("savepointPath", savepoint);
            run.put("allowNonRestoredState", false);
        }
        JsonNode started = send(HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(run.toString())));
        String job = started.path("jobid").asText(null);
        if (job == null) {
            throw new IOException("the job did not start: " + started);
        }
        return job;
    }

    String jobState(String job) throws IOException, InterruptedException {
        return get("/jobs/" + job).path("state").asText();
    }

    /** Waits until every task of the job is running, so that it is processing. */
    void awaitRunning(String job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode j = get("/jobs/" + job);
            if (j.path("state").asText().equals("RUNNING") && j.path("vertices").size() > 0) {
                boolean all = true;
                for (JsonNode v : j.path("vertices")) {
                    all &= v.path("status").asText().equals("RUNNING");
                }
                if (all) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("job " + job + " is not running: " + get("/jobs/" + job + "/exceptions"));
    }

    /** Stops the job with a savepoint, as {@code flink stop} does, and returns where the savepoint is. */
    String stopWithSavepoint(String job, Path directory, Duration timeout) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("targetDirectory", directory.toUri().toString())
                .put("drain", false);
        String trigger = send(HttpRequest.newBuilder(uri("/jobs/" + job + "/stop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = get("/jobs/" + job + "/savepoints/" + trigger);
            if (s.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode op = s.path("operation");
                if (op.has("failure-cause")) {
                    throw new IllegalStateException("stop-with-savepoint failed: " + op.get("failure-cause"));
                }
                return op.path("location").asText();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no savepoint of " + job + " within " + timeout);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    void cancel(String job) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/jobs/" + job + "?mode=cancel")).method("PATCH",
                HttpRequest.BodyPublishers.noBody()));
    }

    /** Every process's log, for checks that span them all. */
    Map<String, String> logs() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (JavaProcess p : processes) {
            out.put(p.name(), p.output());
        }
        return out;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + restPort + path);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IOException(r.request().method() + " " + r.request().uri().getPath() + ": HTTP " + r.statusCode()
                    + " " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
