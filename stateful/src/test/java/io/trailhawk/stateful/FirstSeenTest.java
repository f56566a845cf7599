package io.trailhawk.stateful;

import static io.trailhawk.stateful.StatefulFixture.event;
import static io.trailhawk.stateful.StatefulFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.rules.output.StatefulContext;
import org.junit.jupiter.api.Test;

class FirstSeenTest {
    private static final String RULES = rule("New IP", "ct.name = ConsoleLogin",
            "  first_seen:\n    field: ct.srcip\n    by: [ct.user]\n    learn: 1d\n    forget: 30d\n");
    private static final long DAY = 86_400;

    private static ObjectNode login(String user, String ip, long seconds) {
        ObjectNode e = event("ConsoleLogin", user, seconds);
        e.put("sourceIPAddress", ip);
        return e;
    }

    @Test
    void duringLearning_newValuesAreLearned_thenANewValueAlerts_andAKnownOneDoesNot() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(login("alice", "198.51.100.1", 0)).send(login("alice", "198.51.100.2", 3600));
        assertThat(f.alerts).isEmpty();
        f.send(login("alice", "198.51.100.2", 2 * DAY)).send(login("alice", "203.0.113.9", 2 * DAY + 1));
        assertThat(f.alerts).hasSize(1);
        StatefulContext c = f.alerts.get(0).stateful().orElseThrow();
        assertThat(c.kind()).isEqualTo("first_seen");
        assertThat(c.values()).containsExactly("203.0.113.9");
    }

    @Test
    void aValueUnseenForLongerThanForget_isNewAgain() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(login("alice", "198.51.100.1", 0)).send(login("alice", "198.51.100.1", 40 * DAY));
        assertThat(f.alerts).hasSize(1);
    }

    @Test
    void learningCountsFromTheRulesFirstMatch_notEachGroups() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(login("alice", "198.51.100.1", 0)).send(login("bob", "198.51.100.1", 2 * DAY));
        assertThat(f.alerts).hasSize(1);
        assertThat(f.alerts.get(0).stateful().orElseThrow().group()).containsEntry("ct.user", "bob");
    }
}
