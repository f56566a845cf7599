package io.trailhawk.job.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.kinesis.shaded.com.amazonaws.auth.AWSStaticCredentialsProvider;
import org.apache.flink.kinesis.shaded.com.amazonaws.auth.BasicAWSCredentials;
import org.apache.flink.kinesis.shaded.com.amazonaws.client.builder.AwsClientBuilder;
import org.apache.flink.kinesis.shaded.com.amazonaws.services.kinesis.AmazonKinesis;
import org.apache.flink.kinesis.shaded.com.amazonaws.services.kinesis.AmazonKinesisClientBuilder;
import org.apache.flink.kinesis.shaded.com.amazonaws.services.kinesis.model.PutRecordRequest;

/**
 * A real Kinesis API on 127.0.0.1:4568: the npm package kinesis-local (kinesis-mock), which the build installs
 * under target/kinesis-local. Fails with a clear message when node or the package is missing; never skips.
 */
public final class KinesisLocal implements AutoCloseable {
    public static final int PORT = 4568;
    public static final String ENDPOINT = "http://127.0.0.1:" + PORT;

    private final Process process;
    private final AmazonKinesis client;

    private KinesisLocal(Process process, AmazonKinesis client) {
        this.process = process;
        this.client = client;
    }

    /** Starts kinesis-local with the given streams ({@code name:shards}, comma separated) and waits for them. */
    public static KinesisLocal start(String streams) throws Exception {
        Path pkg = Path.of("target", "kinesis-local", "node_modules", "kinesis-local").toAbsolutePath();
        if (!Files.isRegularFile(pkg.resolve("main.js"))) {
            throw new IllegalStateException("kinesis-local is not installed at " + pkg + ": the build installs it "
                    + "with 'npm install' (job/pom.xml); is npm on the PATH?");
        }
        Path preload = Path.of("src", "test", "kinesis", "loopback-only.js").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", "-r", preload.toString(), "main.js").directory(pkg.toFile())
                .redirectErrorStream(true).redirectOutput(new File("target/kinesis-local/kinesis-local.log"));
        pb.environment().put("INITIALIZE_STREAMS", streams);
        pb.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(PORT));
        pb.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(PORT + 1));
        pb.environment().put("LOG_LEVEL", "WARN");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node for kinesis-local: install Node.js 18+ and npm", e);
        }
        AmazonKinesis client = AmazonKinesisClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(ENDPOINT, "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("000000000000", "secret")))
                .build();
        KinesisLocal k = new KinesisLocal(p, client);
        k.awaitStreams(streams, Duration.ofSeconds(60));
        return k;
    }

    private void awaitStreams(String streams, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!portOpen()) {
            check(deadline, "kinesis-local did not open port " + PORT);
        }
        for (String s : streams.split(",")) {
            String name = s.split(":")[0];
            while (true) {
                try {
                    if ("ACTIVE".equals(client.describeStream(name).getStreamDescription().getStreamStatus())) {
                        break;
                    }
                } catch (RuntimeException e) {
                    // not created yet
                }
                check(deadline, "stream " + name + " did not become ACTIVE");
            }
        }
    }

    private void check(long deadline, String what) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("kinesis-local exited (" + process.exitValue() + "); see "
                    + "target/kinesis-local/kinesis-local.log");
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what);
        }
        Thread.sleep(200);
    }

    private static boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", PORT), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public void put(String stream, String partitionKey, byte[] data) {
        client.putRecord(new PutRecordRequest().withStreamName(stream).withPartitionKey(partitionKey)
                .withData(ByteBuffer.wrap(data)));
    }

    @Override
    public void close() throws Exception {
        client.shutdown();
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
