package io.trailhawk.bench;

import io.trailhawk.control.ControlTopics;
import io.trailhawk.job.TrailhawkJob;
import io.trailhawk.job.config.JobConfig;
import io.trailhawk.job.detect.RulesetBuilder;
import io.trailhawk.local.LocalKafka;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Trailhawk against the job a strong Flink user would write by hand, in one run, on the same source: a directory of
 * JSON-lines files ({@code --files} of them, each the invictus records {@code --passes-per-file} times), read by
 * each job once, at parallelism 1 on the same MiniCluster. The SQL job declares a table on the files with Flink's
 * {@code filesystem} connector and {@code json} format, typed as a ROW of only the fields its rules read, and runs
 * ten of the default rules as SQL filters into a {@code blackhole} table, the files read once for all ten.
 * Trailhawk reads the files with its own file source and runs the whole default ruleset, alerts discarded. Each
 * rate is taken between 10% and 90% of the records, so start-up and the last file do not count.
 */
public final class SqlBaselineBenchmark {
    private SqlBaselineBenchmark() {
    }

    /** Ten default rules, by the event fields they test. */
    static final String RULES_SQL = String.join("\nUNION ALL\n", List.of(
            rule("CloudTrail Logging Stopped", "eventSource = 'cloudtrail.amazonaws.com' AND eventName = 'StopLogging' "
                    + "AND errorCode IS NULL"),
            rule("CloudTrail Trail Deleted", "eventSource = 'cloudtrail.amazonaws.com' AND eventName = 'DeleteTrail' "
                    + "AND errorCode IS NULL"),
            rule("Lambda Function Code Updated", "eventSource = 'lambda.amazonaws.com' AND eventName IN "
                    + "('UpdateFunctionCode20150331v2', 'UpdateFunctionCode20150331', 'UpdateFunctionCode') "
                    + "AND errorCode IS NULL AND LOWER(userAgent) NOT LIKE '%terraform%'"),
            rule("IAM User Created", "eventSource = 'iam.amazonaws.com' AND eventName = 'CreateUser' "
                    + "AND errorCode IS NULL"),
            rule("IAM Access Key Created", "eventSource = 'iam.amazonaws.com' AND eventName = 'CreateAccessKey' "
                    + "AND errorCode IS NULL"),
            rule("Console Login Without MFA", "eventName = 'ConsoleLogin' AND errorCode IS NULL "
                    + "AND additionalEventData.MFAUsed = 'No' AND userIdentity.type <> 'AssumedRole'"),
            rule("Root User API Activity", "userIdentity.type = 'Root' AND errorCode IS NULL AND readOnly = FALSE "
                    + "AND eventSource <> 'signin.amazonaws.com'"),
            rule("VPC Flow Logs Deleted", "eventSource = 'ec2.amazonaws.com' AND eventName = 'DeleteFlowLogs' "
                    + "AND errorCode IS NULL"),
            rule("EC2 Instance User Data Retrieved", "eventName = 'DescribeInstanceAttribute' "
                    + "AND requestParameters.attribute = 'userData' AND errorCode IS NULL"),
            rule("API Call From Offensive Tool", "(LOWER(userAgent) LIKE '%stratus-red-team%' OR LOWER(userAgent) LIKE "
                    + "'%pacu%' OR LOWER(userAgent) LIKE '%cloudfox%' OR LOWER(userAgent) LIKE '%weirdaal%' OR "
                    + "LOWER(userAgent) LIKE '%nimbostratus%' OR LOWER(userAgent) LIKE '%trufflehog%' OR "
                    + "LOWER(userAgent) LIKE '%cloudgoat%' OR LOWER(userAgent) LIKE '%kali%' OR "
                    + "LOWER(userAgent) LIKE '%parrot%' OR LOWER(userAgent) LIKE '%blackarch%') "
                    + "AND eventName <> 'GetCallerIdentity'")));

    private static String rule(String name, String where) {
        return "SELECT '" + name + "' AS rule, eventID, userIdentity.arn AS arn, sourceIPAddress, awsRegion "
                + "FROM events WHERE " + where;
    }

    /** The declared table: only the fields the ten rules and their outputs read. */
    static String createTable(Path files) {
        return "CREATE TABLE events (eventID STRING, eventName STRING, eventSource STRING, errorCode STRING, "
                + "awsRegion STRING, sourceIPAddress STRING, userAgent STRING, readOnly BOOLEAN, "
                + "userIdentity ROW<type STRING, arn STRING>, requestParameters ROW<attribute STRING>, "
                + "additionalEventData ROW<MFAUsed STRING>) WITH ('connector' = 'filesystem', 'path' = '"
                + files.toUri() + "', 'format' = 'json')";
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int copies = Integer.parseInt(a.getOrDefault("files", "50"));
        // Large files, so that neither job's rate depends on how fast its source is handed the next file.
        int passes = Integer.parseInt(a.getOrDefault("passes-per-file", "20"));
        Path rules = Path.of(a.getOrDefault("rules", "rules")).toAbsolutePath();
        List<byte[]> records = Samples.records(Samples.DEFAULT);
        Path dir = Files.createTempDirectory("trailhawk-sql-baseline");
        try {
            for (int f = 0; f < copies; f++) {
                try (OutputStream out = new java.io.BufferedOutputStream(
                        Files.newOutputStream(dir.resolve(String.format("part-%04d.json", f))), 1 << 20)) {
                    for (int pass = 0; pass < passes; pass++) {
                        for (byte[] r : records) {
                            out.write(r);
                            out.write('\n');
                        }
                    }
                }
            }
            long total = (long) copies * passes * records.size();
            System.out.printf("input: %,d records in %d JSON-lines files%n", total, copies);
            Configuration conf = new Configuration();
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.PORT, 0);
            conf.setString("metrics.reporter.count.factory.class", CountingReporter.Factory.class.getName());
            MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(4).build());
            cluster.start();
            try (LocalKafka kafka = LocalKafka.start(39391)) {
                double sql = measure("flink sql, filesystem + json format, 10 rules", cluster, sqlJob(dir),
                        CountingReporter::sourceRecords, total);
                double trailhawk = measure("trailhawk, file source, the default ruleset", cluster,
                        trailhawkJob(dir, rules, kafka), CountingReporter::evaluated, total);
                System.out.printf("trailhawk / flink sql = %.2f%n", trailhawk / sql);
            } finally {
                cluster.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static JobGraph sqlJob(Path dir) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(10_000);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        // Pushed-down filters make each rule's scan of the table different, so each would read and parse every
        // file again; without them the planner reads the files once for all ten rules, as a strong user would have it.
        tEnv.getConfig().set("table.optimizer.source.predicate-pushdown-enabled", "false");
        tEnv.executeSql(createTable(dir));
        tEnv.executeSql("CREATE TABLE alerts (rule STRING, eventID STRING, arn STRING, sourceIPAddress STRING, "
                + "awsRegion STRING) WITH ('connector' = 'blackhole')");
        StreamStatementSet set = tEnv.createStatementSet();
        set.addInsertSql("INSERT INTO alerts " + RULES_SQL);
        set.attachAsDataStream();
        return env.getStreamGraph().getJobGraph();
    }

    private static JobGraph trailhawkJob(Path dir, Path rules, LocalKafka kafka) throws Exception {
        Map<String, String> c = new HashMap<>();
        c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        c.put("source.files.paths", dir.toString());
        c.put("topic.control", ControlTopics.RULES);
        c.put("rules.bootstrap", rules.toString());
        c.put("checkpoint.interval", "10s");
        c.put("parallelism", "1");
        JobConfig config = JobConfig.of(c, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RulesetBuilder builder = TrailhawkJob.prepare(env, config);
        TrailhawkJob.Streams s = TrailhawkJob.wire(env, config, builder, TrailhawkJob.payloads(env, config));
        s.alerts.sinkTo(new DiscardingSink<>());
        s.status.sinkTo(new DiscardingSink<>());
        s.deadLetters.sinkTo(new DiscardingSink<>());
        return env.getStreamGraph().getJobGraph();
    }

    /** Records per second between 10% and 90% of {@code total}, by {@code count}; the job is cancelled after. */
    private static double measure(String label, MiniCluster cluster, JobGraph job, LongSupplier count, long total)
            throws Exception {
        CountingReporter.reset();
        JobID id = cluster.submitJob(job).get().getJobID();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long from = 0;
        long to = 0;
        Map<String, Long> cpuFrom = null;
        while (to == 0 && System.nanoTime() < deadline) {
            long n = count.getAsLong();
            if (from == 0 && n >= total / 10) {
                from = System.nanoTime();
                cpuFrom = ThreadCpu.byTask();
            }
            if (n >= total * 9 / 10) {
                to = System.nanoTime();
            }
            Thread.sleep(5);
        }
        if (!cluster.getJobStatus(id).get().isGloballyTerminalState()) {
            cluster.cancelJob(id).get();
        }
        if (to == 0) {
            throw new IllegalStateException(label + ": " + count.getAsLong() + " of " + total + " within 10 min");
        }
        double rate = total * 0.8 / ((to - from) / 1e9);
        System.out.printf("%s, parallelism 1: %.0f events/s; busiest threads: %s%n", label, rate,
                ThreadCpu.busiest(cpuFrom, ThreadCpu.byTask(), to - from, 3));
        return rate;
    }
}
