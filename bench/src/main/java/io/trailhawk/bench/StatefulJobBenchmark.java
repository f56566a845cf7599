package io.trailhawk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.control.ControlTopics;
import io.trailhawk.job.TrailhawkJob;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.detect.RulesetBuilder;
import io.trailhawk.job.source.RawPayload;
import io.trailhawk.local.LocalFlink;
import io.trailhawk.local.LocalKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job with stateful rules against the job without, in one run: the default ruleset without its stateful keys,
 * then the default ruleset plus 20 stateful rules (four of each kind) keyed by principal, over {@code --groups}
 * distinct principals (the invictus records in a loop, each pass under other principals), on the heap and on
 * RocksDB. Reports steady-state events/s and the last completed checkpoint's size and duration.
 *
 * <p>Event time comes in two modes. {@code --time live} (the default): the i-th event is {@code i / --event-rate}
 * seconds after the first, so each principal comes back every {@code groups / event-rate} seconds of event time
 * (about 17 minutes at the defaults) and its state lives on across its matches; measurement starts once
 * {@code --warmup} events (default: one per principal) have passed. {@code --time churn}: each pass over the
 * records keeps their own times, one span (56 minutes) later than the pass before, so a principal comes back only
 * after its windows have closed: every match opens new state, and every suppressed rule's match alerts.
 * {@code --rocksdb-timers HEAP} keeps the RocksDB runs' timers on the heap instead of in RocksDB.
 */
public final class StatefulJobBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "GROUP0000000";

    private StatefulJobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
        int groups = Integer.parseInt(a.getOrDefault("groups", "1000000"));
        Path rules = Path.of(a.getOrDefault("rules", "rules"));
        List<byte[]> records = grouped(Samples.records(Path.of(a.getOrDefault("events", Samples.DEFAULT.toString()))));
        Path stateless = Files.createTempDirectory("trailhawk-stateless");
        Path stateful = Files.createTempDirectory("trailhawk-stateful");
        try (Stream<Path> files = Files.list(rules)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".yaml")) {
                    continue;
                }
                String yaml = Files.readString(f);
                Files.writeString(stateful.resolve(name), yaml);
                if (!name.equals("correlation.yaml")) {
                    Files.writeString(stateless.resolve(name), withoutState(yaml));
                }
            }
        }
        boolean every = a.getOrDefault("matching", "family").equals("every");
        boolean churn = a.getOrDefault("time", "live").equals("churn");
        // Where the RocksDB runs keep their timers: ROCKSDB (as flink-conf/ has it) or HEAP.
        String timers = a.getOrDefault("rocksdb-timers", "ROCKSDB");
        int eventRate = churn ? 0 : Integer.parseInt(a.getOrDefault("event-rate", "1000"));
        long warmup = Long.parseLong(a.getOrDefault("warmup", churn ? "0" : String.valueOf(groups)));
        Files.writeString(stateful.resolve("zz-bench-stateful.yaml"), twentyStatefulRules(every));
        for (String backend : a.getOrDefault("backends", "hashmap,rocksdb").split(",")) {
            GroupLoop loop = new GroupLoop(records.toArray(new byte[0][]), groups, eventRate);
            double base = run("stateless", backend, timers, stateless, loop, groups, seconds, warmup);
            double withState = run("stateful", backend, timers, stateful, loop, groups, seconds, warmup);
            System.out.printf("%s, %s matching, %s time: stateful/stateless = %.2f%n", backend,
                    every ? "every-event" : "family", churn ? "churn" : "live", withState / base);
        }
    }

    /** The records with each one's principal replaced by a placeholder the loop fills in. */
    private static List<byte[]> grouped(List<byte[]> records) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (byte[] r : records) {
            ObjectNode n = (ObjectNode) JSON.readTree(r);
            ((ObjectNode) n.with("userIdentity")).put("arn", "arn:aws:iam::111122223333:user/" + GROUP)
                    .put("type", "IAMUser");
            out.add(JSON.writeValueAsBytes(n));
        }
        return out;
    }

    /** Removes every stateful key and every {@code alert: false} from a rules file. */
    static String withoutState(String yaml) {
        return yaml.replaceAll("(?m)^  (suppress|threshold|distinct|sequence|first_seen):\\n(    .*\\n)+", "")
                .replaceAll("(?m)^  alert: false\\n", "");
    }

    /** API call families of the sample records, most frequent first: one per stateful rule, two rules share some. */
    private static final String[] FAMILIES = {"Describe", "Get", "List", "Delete", "Decrypt", "Create", "Put",
        "Assume", "Encrypt", "Start", "End", "Generate", "Update", "Attach", "Detach", "Describe", "Get", "List",
        "Delete", "Create"};

    /**
     * Four rules of each kind. {@code every}: each matches nearly every event (20 matches per event); otherwise each
     * matches one family of calls, as real stateful rules match one kind of activity (1.8 matches per event here).
     */
    private static String twentyStatefulRules(boolean every) {
        String cond = "ct.user.identitytype = IAMUser";
        StringBuilder y = new StringBuilder("- rule: Bench step one\n  desc: d\n  condition: " + cond
                + " and ct.name startswith List\n  output: o\n  priority: INFO\n  alert: false\n"
                + "- rule: Bench step two\n  desc: d\n  condition: " + cond
                + " and ct.name startswith Get\n  output: o\n  priority: INFO\n  alert: false\n");
        String[] kinds = {
            "suppress:\n    by: [ct.user.arn]\n    for: 1h\n",
            "threshold:\n    count: 50\n    within: 1h\n    by: [ct.user.arn]\n",
            "distinct:\n    field: ct.name\n    count: 30\n    within: 1h\n    by: [ct.user.arn]\n",
            "sequence:\n    by: [ct.user.arn]\n    within: 1h\n    steps: [Bench step one, Bench step two]\n",
            "first_seen:\n    field: ct.region\n    by: [ct.user.arn]\n    learn: 1m\n    forget: 1d\n",
        };
        for (int k = 0; k < kinds.length; k++) {
            for (int i = 0; i < 4; i++) {
                String only = every ? " and not ct.name = Bench" + i : " and ct.name startswith "
                        + FAMILIES[k * 4 + i];
                y.append("- rule: Bench stateful ").append(k).append('-').append(i).append("\n  desc: d\n")
                        .append("  condition: ").append(cond).append(only)
                        .append("\n  output: \"bench %ct.user.arn %ct.name\"\n  priority: NOTICE\n  ")
                        .append(kinds[k]);
            }
        }
        return y.toString();
    }

    private static double run(String label, String backend, String timers, Path rules, GroupLoop loop, int groups,
            int seconds, long warmup) throws Exception {
        // One slot: at parallelism 1 the whole job shares one slot, and a slot has its share of managed memory only.
        try (LocalKafka kafka = LocalKafka.start(39191); LocalFlink flink = LocalFlink.start(38181, 1,
                org.apache.flink.configuration.MemorySize.ofMebiBytes(1024))) {
            Map<String, String> c = new HashMap<>();
            c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            c.put("source.kafka.topics", ControlTopics.EVENTS);
            c.put("rules.bootstrap", rules.toAbsolutePath().toString());
            c.put("checkpoint.interval", "10s");
            c.put("parallelism", "1");
            JobConfig config = JobConfig.of(c, false);
            Configuration state = new Configuration();
            state.set(StateBackendOptions.STATE_BACKEND, backend);
            state.setString("state.backend.incremental", "true");
            // As flink-conf/ has it (see there why).
            state.setString("state.backend.rocksdb.use-bloom-filter", "true");
            state.setString("state.backend.rocksdb.memory.partitioned-index-filters", "true");
            state.setString("state.backend.rocksdb.timer-service.factory", timers);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(state);
            RulesetBuilder builder = TrailhawkJob.prepare(env, config);
            TrailhawkJob.Streams s = TrailhawkJob.wire(env, config, builder,
                    env.fromSequence(0, Long.MAX_VALUE).map(loop).name("invictus loop"));
            s.alerts.sinkTo(new DiscardingSink<>());
            s.status.sinkTo(new DiscardingSink<>());
            s.deadLetters.sinkTo(new DiscardingSink<>());
            GroupLoop.EMITTED.set(0);
            flink.submit(env.getStreamGraph().getJobGraph(), Duration.ofSeconds(120));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long lastReport = System.nanoTime();
            while (GroupLoop.EMITTED.get() < Math.max(1, warmup) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    System.out.printf("  warming up: %,d of %,d events%n", GroupLoop.EMITTED.get(), warmup);
                    lastReport = System.nanoTime();
                }
            }
            Thread.sleep(5000);
            long n0 = GroupLoop.EMITTED.get();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long n1 = GroupLoop.EMITTED.get();
            double rate = (n1 - n0) / ((System.nanoTime() - t0) / 1e9);
            JsonNode checkpoints = flink.checkpoints();
            JsonNode last = checkpoints.path("latest").path("completed");
            System.out.printf("%s job, %s, %,d principals: %.0f events/s over %d s (%,d events); %d checkpoints "
                    + "completed, %d failed, last: %,d bytes (full size %,d) in %d ms; %d restarts%n", label, backend,
                    groups, rate, seconds, n1 - n0, checkpoints.path("counts").path("completed").asLong(),
                    checkpoints.path("counts").path("failed").asLong(), last.path("checkpointed_size").asLong(),
                    last.path("state_size").asLong(), last.path("end_to_end_duration").asLong(), flink.restarts());
            return rate;
        }
    }

    /**
     * The i-th number becomes record r = i mod n, in pass p = i / n, under principal (7919 p + r) mod groups, at
     * the time its mode gives
     * (see the class comment).
     */
    static final class GroupLoop implements MapFunction<Long, RawPayload> {
        private static final long serialVersionUID = 1L;
        static final java.util.concurrent.atomic.AtomicLong EMITTED = new java.util.concurrent.atomic.AtomicLong();
        private final byte[][] records;
        private final int[] at;
        private final int[] timeAt;
        private final long[] seconds;
        private final long first;
        private final long span;
        private final int groups;
        /** Events per second of event time; 0 keeps the records' own times, one span later each pass. */
        private final int eventRate;

        GroupLoop(byte[][] records, int groups, int eventRate) {
            this.records = records;
            this.groups = groups;
            this.eventRate = eventRate;
            this.at = new int[records.length];
            this.timeAt = new int[records.length];
            this.seconds = new long[records.length];
            byte[] needle = GROUP.getBytes(StandardCharsets.US_ASCII);
            byte[] time = "\"eventTime\":\"".getBytes(StandardCharsets.US_ASCII);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int r = 0; r < records.length; r++) {
                at[r] = indexOf(records[r], needle);
                timeAt[r] = indexOf(records[r], time) + time.length;
                seconds[r] = java.time.Instant.parse(new String(records[r], timeAt[r], 20, StandardCharsets.US_ASCII))
                        .getEpochSecond();
                min = Math.min(min, seconds[r]);
                max = Math.max(max, seconds[r]);
            }
            this.first = min;
            this.span = max - min + 1;
        }

        private static int indexOf(byte[] hay, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalStateException("no principal placeholder in a record");
        }

        @Override
        public RawPayload map(Long i) {
            EMITTED.incrementAndGet();
            int r = (int) (i % records.length);
            byte[] b = records[r].clone();
            long g = (i / records.length * 7919 + r) % groups;
            for (int k = GROUP.length() - 1, p = at[r] + GROUP.length() - 1; k >= 5; k--, p--) {
                b[p] = (byte) ('0' + g % 10);
                g /= 10;
            }
            long pass = i / records.length;
            long second = eventRate == 0 ? seconds[r] + pass * span : first + i / eventRate;
            byte[] t = java.time.Instant.ofEpochSecond(second).toString()
                    .getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, b, timeAt[r], 20);
            return new RawPayload(b, "bench");
        }
    }
}
