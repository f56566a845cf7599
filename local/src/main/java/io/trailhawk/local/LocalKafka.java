package io.trailhawk.local;

import io.trailhawk.control.TopicSetup;
import java.util.Properties;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/** A single-node KRaft Kafka broker in this process, on 127.0.0.1, with Trailhawk's topics. */
public final class LocalKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final String bootstrap;

    private LocalKafka(KafkaClusterTestKit cluster, String bootstrap) {
        this.cluster = cluster;
        this.bootstrap = bootstrap;
    }

    public static LocalKafka start(int port) throws Exception {
        String listener = "EXTERNAL://127.0.0.1:" + port;
        KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("listeners", listener + ",CONTROLLER://127.0.0.1:0")
                .setConfigProp("advertised.listeners", listener)
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        c.format();
        c.startup();
        c.waitForReadyBrokers();
        LocalKafka k = new LocalKafka(c, "127.0.0.1:" + port);
        k.createTopics();
        return k;
    }

    private void createTopics() throws Exception {
        TopicSetup.createMissing(bootstrap, new Properties(), 2, (short) 1);
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
