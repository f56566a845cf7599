package io.trailhawk.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates Trailhawk's topics where they are missing; the control topic is compacted. Idempotent. */
public final class TopicSetup {
    private TopicSetup() {
    }

    /** Returns the names of the topics it created. */
    public static List<String> createMissing(String bootstrapServers, Properties clientProperties, int partitions,
            short replicationFactor) throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> wanted = new ArrayList<>();
            wanted.add(new NewTopic(ControlTopics.EVENTS, partitions, replicationFactor));
            // One partition keeps every rule update in one order for every job instance.
            wanted.add(new NewTopic(ControlTopics.RULES, 1, replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact")));
            wanted.add(new NewTopic(ControlTopics.STATUS, 1, replicationFactor));
            wanted.add(new NewTopic(ControlTopics.ALERTS, partitions, replicationFactor));
            wanted.add(new NewTopic(ControlTopics.SHADOW_ALERTS, partitions, replicationFactor));
            wanted.add(new NewTopic(ControlTopics.DEAD_LETTERS, 1, replicationFactor));
            List<NewTopic> missing = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (NewTopic t : wanted) {
                if (!existing.contains(t.name())) {
                    missing.add(t);
                    names.add(t.name());
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return names;
        }
    }
}
