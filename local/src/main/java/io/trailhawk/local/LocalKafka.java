package io.trailhawk.local;

import io.trailhawk.control.ControlTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** A single-node KRaft Kafka broker in this process, on 127.0.0.1, with Trailhawk's topics. */
final class LocalKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final String bootstrap;

    private LocalKafka(KafkaClusterTestKit cluster, String bootstrap) {
        this.cluster = cluster;
        this.bootstrap = bootstrap;
    }

    static LocalKafka start(int port) throws Exception {
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
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            topics.add(new NewTopic(ControlTopics.EVENTS, 2, (short) 1));
            topics.add(new NewTopic(ControlTopics.RULES, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
            topics.add(new NewTopic(ControlTopics.STATUS, 1, (short) 1));
            topics.add(new NewTopic(ControlTopics.ALERTS, 2, (short) 1));
            topics.add(new NewTopic(ControlTopics.DEAD_LETTERS, 1, (short) 1));
            admin.createTopics(topics).all().get();
        }
    }

    String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
