package io.trailhawk.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) in a JVM of its own, bound to 127.0.0.1, that
 * can be stopped and started again on the same ports and log directory.
 */
final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final String classpath;
    private final int port;
    private final Path properties;
    private JavaProcess process;
    private int starts;

    private KafkaBroker(Path dir, String classpath, int port, Path properties) {
        this.dir = dir;
        this.classpath = classpath;
        this.port = port;
        this.properties = properties;
    }

    static KafkaBroker start(Path dir, String classpath) throws Exception {
        int port = Ports.free();
        int controller = Ports.free();
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "") + "\n");
        JavaProcess format = JavaProcess.start("kafka-format", classpath, List.of("-Xmx256m"),
                "kafka.tools.StorageTool", List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                        props.toString()), dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (format.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (format.isAlive()) {
            format.kill();
            throw new IllegalStateException("kafka storage format did not finish: " + format.output());
        }
        KafkaBroker b = new KafkaBroker(dir, classpath, port, props);
        b.startProcess();
        return b;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker process and waits until it answers. */
    void startProcess() throws Exception {
        process = JavaProcess.start("kafka-" + (++starts), classpath, List.of("-Xmx512m"), "kafka.Kafka",
                List.of(properties.toString()), dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kafka exited: " + process.output());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get();
                return;
            } catch (Exception e) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("kafka did not start within 90 s: " + process.output());
    }

    /** A graceful stop, as an operator's restart does. */
    void stopProcess() throws InterruptedException {
        process.stop(30);
    }

    void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "5000");
        return Admin.create(p);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }
}
