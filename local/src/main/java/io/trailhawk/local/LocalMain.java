package io.trailhawk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.control.ControlTopics;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.control.StatusRecord;
import io.trailhawk.formats.AlertFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bin/trailhawk local}: the whole pipeline on one machine. Starts Kafka and a Flink MiniCluster with the web
 * UI, runs the job with the rules directory as its bootstrap rules, replays the sample CloudTrail events, prints
 * alerts as they arrive, and pushes every saved change of the rules directory through the control topic.
 */
public final class LocalMain {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USAGE = "usage: trailhawk local [--rules DIR] [--events PATH]... [--kafka-port PORT] "
            + "[--ui-port PORT] [--json] [--format falco|ocsf|asff|ecs] [--exit-after-replay] [--parallelism N]";

    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Ctrl-C: let run() close everything in order, then let the JVM go.
            stop.countDown();
            try {
                done.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trailhawk-local-shutdown"));
        int status;
        try {
            status = run(args, System.out, System.err, stop);
        } finally {
            done.countDown();
        }
        System.exit(status);
    }

    /** Runs until the replay is drained ({@code --exit-after-replay}) or until {@code stop} is counted down. */
    static int run(String[] argv, PrintStream out, PrintStream err, CountDownLatch stop) throws Exception {
        Options o;
        try {
            o = Options.parse(argv);
        } catch (IllegalArgumentException e) {
            err.println("trailhawk local: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isDirectory(o.rules)) {
            err.println("trailhawk local: rules directory not found: " + o.rules);
            return 2;
        }
        for (int[] port : new int[][] {{o.kafkaPort, 0}, {o.uiPort, 1}}) {
            if (!free(port[0])) {
                err.println("trailhawk local: port " + port[0] + " on 127.0.0.1 is in use; choose another with "
                        + (port[1] == 0 ? "--kafka-port" : "--ui-port"));
                return 2;
            }
        }
        Map<String, AtomicLong> alertsByRule = new ConcurrentHashMap<>();
        AtomicLong alerts = new AtomicLong();
        AtomicLong rejections = new AtomicLong();
        AtomicLong deadLetters = new AtomicLong();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            err.println("local: starting Kafka on 127.0.0.1:" + o.kafkaPort + " ...");
            LocalKafka kafka = LocalKafka.start(o.kafkaPort);
            open.add(kafka);
            err.println("local: starting Flink (web UI on http://localhost:" + o.uiPort + ") ...");
            LocalFlink flink = LocalFlink.start(o.uiPort, Math.max(4, o.parallelism * 2));
            open.add(0, flink);
            open.add(0, new TopicPrinter(kafka.bootstrapServers(), ControlTopics.STATUS, v -> {
                try {
                    StatusRecord s = new StatusRecord(MAPPER.readTree(v));
                    if (!s.activated() && !s.isShadowReport()) {
                        rejections.incrementAndGet();
                    }
                    out.println(AlertFormat.status(s));
                } catch (IOException e) {
                    err.println("local: unreadable status record: " + v);
                }
            }));
            TopicPrinter alertPrinter = new TopicPrinter(kafka.bootstrapServers(), ControlTopics.ALERTS, v -> {
                alerts.incrementAndGet();
                try {
                    JsonNode a = MAPPER.readTree(v);
                    alertsByRule.computeIfAbsent(AlertFormats.ruleName(o.format, a), k -> new AtomicLong())
                            .incrementAndGet();
                    out.println(o.json ? v : AlertFormat.alert(a));
                } catch (IOException e) {
                    out.println(v);
                }
            });
            open.add(0, alertPrinter);
            open.add(0, new TopicPrinter(kafka.bootstrapServers(), ControlTopics.DEAD_LETTERS,
                    v -> deadLetters.incrementAndGet()));
            flink.submit(jobConfig(o, kafka.bootstrapServers()), Duration.ofSeconds(120));
            err.println("local: job running with the rules in " + o.rules);
            RulePublisher publisher = new RulePublisher(kafka.bootstrapServers(), new Properties(), ControlTopics.RULES,
                    ControlTopics.STATUS, null);
            open.add(0, publisher);
            open.add(0, new RulesWatcher(o.rules, publisher, err));
            err.println("local: watching " + o.rules + " for changes; save a rule file to push it");
            long sent = EventReplayer.replay(kafka.bootstrapServers(), o.events, err);
            if (!o.exitAfterReplay) {
                err.println("local: replay done; press Ctrl-C to stop");
                stop.await();
                err.println("local: stopping");
                return 0;
            }
            long evaluated = awaitEvaluated(flink, sent, Duration.ofMinutes(5), stop, err);
            // Alerts become visible when the checkpoint after them completes; wait for the stream to go quiet, counting
            // from the end of evaluation too, as none may have been committed yet.
            long evaluatedAt = System.nanoTime();
            long deadline = evaluatedAt + Duration.ofSeconds(60).toNanos();
            while (quiet(alertPrinter.quietFor(), evaluatedAt).compareTo(Duration.ofSeconds(4)) < 0
                    && System.nanoTime() < deadline && stop.getCount() > 0) {
                Thread.sleep(200);
            }
            summary(err, sent, evaluated, alerts.get(), alertsByRule, rejections.get(), deadLetters.get());
            return evaluated == sent ? 0 : 1;
        } finally {
            closeAll(open, err);
        }
    }

    /** How long the alert stream has been quiet, counting at most from {@code sinceNanos}. */
    private static Duration quiet(Duration sinceLastAlert, long sinceNanos) {
        Duration sinceThen = Duration.ofNanos(System.nanoTime() - sinceNanos);
        return sinceLastAlert.compareTo(sinceThen) < 0 ? sinceLastAlert : sinceThen;
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> jobConfig(Options o, String bootstrap) {
        Map<String, String> c = new HashMap<>();
        c.put("job.name", "trailhawk-local");
        c.put("kafka.bootstrap-servers", bootstrap);
        c.put("source.kafka.topics", ControlTopics.EVENTS);
        c.put("source.kafka.starting-offsets", "earliest");
        c.put("rules.bootstrap", o.rules.toAbsolutePath().toString());
        c.put("checkpoint.interval", "1s");
        c.put("alerts.format", o.format);
        c.put("parallelism", Integer.toString(o.parallelism));
        c.put("sink.transactional-id-prefix", "trailhawk-local-" + UUID.randomUUID());
        return c;
    }

    private static long awaitEvaluated(LocalFlink flink, long sent, Duration timeout, CountDownLatch stop,
            PrintStream err) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long evaluated = 0;
        while (System.nanoTime() < deadline && stop.getCount() > 0) {
            evaluated = flink.detectMetric("eventsEvaluated");
            if (evaluated >= sent) {
                return evaluated;
            }
            Thread.sleep(500);
        }
        err.println("local: only " + evaluated + " of " + sent + " events were evaluated within " + timeout);
        return evaluated;
    }

    private static void summary(PrintStream err, long sent, long evaluated, long alerts,
            Map<String, AtomicLong> byRule, long rejections, long deadLetters) {
        err.println();
        err.printf("summary: %d events replayed, %d evaluated, %d alerts, %d rule rejections, %d dead letters%n", sent,
                evaluated, alerts, rejections, deadLetters);
        Map<String, Long> sorted = new TreeMap<>();
        byRule.forEach((k, v) -> sorted.put(k, v.get()));
        sorted.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> err.printf("%8d  %s%n", e.getValue(), e.getKey()));
    }

    private static void closeAll(List<AutoCloseable> open, PrintStream err) {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                err.println("local: while stopping: " + e.getMessage());
            }
        }
        open.clear();
    }

    /** Command-line options. */
    static final class Options {
        Path rules;
        List<Path> events = new ArrayList<>();
        int kafkaPort = 9092;
        int uiPort = 8081;
        int parallelism = 2;
        boolean json;
        /** The format of the alert topic; any but Falco JSON is printed as it is, as with {@code --json}. */
        String format = AlertFormats.FALCO;
        boolean exitAfterReplay;

        static Options parse(String[] argv) {
            Options o = new Options();
            Path home = Path.of(System.getProperty("trailhawk.home", "."));
            o.rules = home.resolve("rules");
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                switch (a) {
                    case "--rules":
                        o.rules = Path.of(value(argv, ++i, a));
                        break;
                    case "--events":
                        o.events.add(Path.of(value(argv, ++i, a)));
                        break;
                    case "--kafka-port":
                        o.kafkaPort = number(value(argv, ++i, a), a);
                        break;
                    case "--ui-port":
                        o.uiPort = number(value(argv, ++i, a), a);
                        break;
                    case "--parallelism":
                        o.parallelism = number(value(argv, ++i, a), a);
                        break;
                    case "--json":
                        o.json = true;
                        break;
                    case "--format":
                        o.format = value(argv, ++i, a);
                        if (!AlertFormats.NAMES.contains(o.format)) {
                            throw new IllegalArgumentException("--format is one of " + String.join(", ",
                                    AlertFormats.NAMES) + ", not " + o.format);
                        }
                        o.json |= !o.format.equals(AlertFormats.FALCO);
                        break;
                    case "--exit-after-replay":
                        o.exitAfterReplay = true;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.events.isEmpty()) {
                o.events.add(home.resolve("samples").resolve("invictus-aws-2023").resolve("CloudTrail"));
            }
            return o;
        }

        private static String value(String[] argv, int i, String option) {
            if (i >= argv.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return argv[i];
        }

        private static int number(String v, String option) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not " + v);
            }
        }
    }
}
