package io.trailhawk.bench;

import io.trailhawk.control.ControlTopics;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.control.StatusRecord;
import io.trailhawk.job.TrailhawkJob;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.detect.RulesetBuilder;
import io.trailhawk.job.source.RawPayload;
import io.trailhawk.local.LocalFlink;
import io.trailhawk.local.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job on a MiniCluster at a given parallelism, fed the invictus records in an endless loop, alerts discarded.
 * Reports steady-state events/s (from the detect operator's eventsEvaluated metric, start-up excluded) and the
 * latency from pushing a 1,000-rule file to its activation status, p50 and p99 over 20 pushes. With
 * {@code --managed-flink both} each parallelism also runs as on Managed Flink: configured as there, so without object
 * reuse, with the checkpoint interval and parallelism that the service would set applied here instead.
 */
public final class JobBenchmark {
    private JobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
        int pushes = Integer.parseInt(a.getOrDefault("pushes", "20"));
        Path rules = Path.of(a.getOrDefault("rules", "rules"));
        List<byte[]> records = Samples.records(Path.of(a.getOrDefault("events", Samples.DEFAULT.toString())));
        String managed = a.getOrDefault("managed-flink", "no");
        for (String p : a.getOrDefault("parallelism", "1,2").split(",")) {
            if (!managed.equals("only")) {
                run(Integer.parseInt(p.trim()), false, seconds, pushes, rules, records);
            }
            if (!managed.equals("no")) {
                run(Integer.parseInt(p.trim()), true, seconds, 0, rules, records);
            }
        }
    }

    private static void run(int parallelism, boolean managedFlink, int seconds, int pushes, Path rules,
            List<byte[]> records) throws Exception {
        int kafkaPort = 39092 + parallelism;
        try (LocalKafka kafka = LocalKafka.start(kafkaPort); LocalFlink flink = LocalFlink.start(38080 + parallelism, 4)) {
            Map<String, String> c = new HashMap<>();
            c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
            c.put("source.kafka.topics", ControlTopics.EVENTS);
            c.put("rules.bootstrap", rules.toAbsolutePath().toString());
            c.put("checkpoint.interval", "10s");
            c.put("parallelism", Integer.toString(parallelism));
            JobConfig config = JobConfig.of(c, managedFlink);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            RulesetBuilder builder = TrailhawkJob.prepare(env, config);
            if (managedFlink) {
                env.enableCheckpointing(10_000);
                env.setParallelism(parallelism);
            }
            byte[][] loop = records.toArray(new byte[0][]);
            TrailhawkJob.Streams s = TrailhawkJob.wire(env, config, builder,
                    env.fromSequence(0, Long.MAX_VALUE).map(new Loop(loop)).name("invictus loop"));
            s.alerts.sinkTo(new DiscardingSink<>());
            s.status.sinkTo(io.trailhawk.job.sink.KafkaSinks.strings(config, ControlTopics.STATUS,
                    ControlTopics.STATUS_KEY));
            s.deadLetters.sinkTo(new DiscardingSink<>());
            Loop.EMITTED.set(0);
            flink.submit(env.getStreamGraph().getJobGraph(), Duration.ofSeconds(120));

            // Start-up is not throughput: wait until events flow, then let it settle. The count is taken at the
            // source; with backpressure it cannot run ahead of detection by more than the network buffers.
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (Loop.EMITTED.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(5000);
            long n0 = Loop.EMITTED.get();
            Map<String, Long> cpu0 = ThreadCpu.byTask();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long n1 = Loop.EMITTED.get();
            long elapsed = System.nanoTime() - t0;
            Map<String, Long> cpu1 = ThreadCpu.byTask();
            double rate = (n1 - n0) / (elapsed / 1e9);
            System.out.printf("job, parallelism %d%s: %.0f events/s (steady state over %d s, %d events)%n",
                    parallelism, managedFlink ? ", as on Managed Flink (no object reuse)" : "", rate, seconds,
                    n1 - n0);
            System.out.println("  busiest threads: " + ThreadCpu.busiest(cpu0, cpu1, elapsed, 3));

            if (pushes == 0) {
                return;
            }
            long[] latencies = new long[pushes];
            try (RulePublisher publisher = new RulePublisher(kafka.bootstrapServers(), new Properties(),
                    ControlTopics.RULES, ControlTopics.STATUS, null)) {
                for (int i = 0; i < pushes; i++) {
                    String yaml = GeneratedRules.yaml(1000, "v" + i);
                    long start = System.nanoTime();
                    StatusRecord st = publisher.publish("zz-generated.yaml", yaml, Duration.ofSeconds(60));
                    latencies[i] = System.nanoTime() - start;
                    if (!st.activated()) {
                        throw new IllegalStateException("generated rules rejected: " + st.errors());
                    }
                }
            }
            Arrays.sort(latencies);
            System.out.printf("hot reload, parallelism %d, 1,000-rule file while events flow: p50 %d ms, p99 %d ms "
                    + "(%d pushes, push to activation status)%n", parallelism, latencies[latencies.length / 2] / 1_000_000,
                    latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1_000_000, pushes);
        }
    }

    /** The i-th number becomes the (i mod n)-th record. */
    static final class Loop implements MapFunction<Long, RawPayload> {
        private static final long serialVersionUID = 1L;
        /** Records emitted by every instance in this JVM (the MiniCluster runs in it). */
        static final java.util.concurrent.atomic.AtomicLong EMITTED = new java.util.concurrent.atomic.AtomicLong();
        private final byte[][] records;

        Loop(byte[][] records) {
            this.records = records;
        }

        @Override
        public RawPayload map(Long i) {
            EMITTED.incrementAndGet();
            return new RawPayload(records[(int) (i % records.length)], "bench");
        }
    }
}
