package io.trailhawk.bench;

import io.trailhawk.local.LocalFlink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.RuntimeContextInitializationContextAdapters;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.json.JsonRowDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The baseline a strong Flink user would write by hand: the records parsed once with Flink's json format into a
 * declared ROW of only the fields the rules read, then ten of the default rules as SQL filters, alerts discarded.
 * Same input loop, same MiniCluster, parallelism 1; steady-state events/s counted at the source.
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

    /** The declared schema: only what the ten rules and their outputs read. */
    static TypeInformation<Row> schema() {
        return Types.ROW_NAMED(
                new String[] {"eventID", "eventName", "eventSource", "errorCode", "awsRegion", "sourceIPAddress",
                    "userAgent", "readOnly", "userIdentity", "requestParameters", "additionalEventData"},
                Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.STRING,
                Types.BOOLEAN,
                Types.ROW_NAMED(new String[] {"type", "arn"}, Types.STRING, Types.STRING),
                Types.ROW_NAMED(new String[] {"attribute"}, Types.STRING),
                Types.ROW_NAMED(new String[] {"MFAUsed"}, Types.STRING));
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        byte[][] records = Samples.records(Samples.DEFAULT).toArray(new byte[0][]);
        try (LocalFlink flink = LocalFlink.start(38090, 4)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.enableCheckpointing(10_000);
            TypeInformation<Row> type = schema();
            DataStream<Row> rows = env.fromSequence(0, Long.MAX_VALUE).map(new ParseJson(records, type))
                    .returns(type).name("json format");
            StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
            tEnv.createTemporaryView("events", rows);
            Table alerts = tEnv.sqlQuery(RULES_SQL);
            tEnv.toDataStream(alerts).sinkTo(new DiscardingSink<>());
            ParseJson.PARSED.set(0);
            flink.submit(env.getStreamGraph().getJobGraph(), Duration.ofSeconds(120));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (ParseJson.PARSED.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(5000);
            long n0 = ParseJson.PARSED.get();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long n1 = ParseJson.PARSED.get();
            System.out.printf("flink sql, json format with a declared schema, 10 rules, parallelism 1: %.0f events/s "
                    + "(steady state over %d s)%n", (n1 - n0) / ((System.nanoTime() - t0) / 1e9), seconds);
        }
    }

    /** The i-th number becomes the (i mod n)-th record, parsed by Flink's json format into the declared row. */
    static final class ParseJson extends RichMapFunction<Long, Row> {
        private static final long serialVersionUID = 1L;
        static final AtomicLong PARSED = new AtomicLong();
        private final byte[][] records;
        private final TypeInformation<Row> type;
        private transient DeserializationSchema<Row> json;

        ParseJson(byte[][] records, TypeInformation<Row> type) {
            this.records = records;
            this.type = type;
        }

        @Override
        public void open(Configuration parameters) throws Exception {
            json = new JsonRowDeserializationSchema.Builder(type).build();
            json.open(RuntimeContextInitializationContextAdapters.deserializationAdapter(getRuntimeContext()));
        }

        @Override
        public Row map(Long i) throws Exception {
            PARSED.incrementAndGet();
            return json.deserialize(records[(int) (i % records.length)]);
        }
    }
}
