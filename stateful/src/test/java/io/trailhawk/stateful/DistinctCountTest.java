package io.trailhawk.stateful;

import static io.trailhawk.stateful.StatefulFixture.event;
import static io.trailhawk.stateful.StatefulFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.rules.output.StatefulContext;
import org.junit.jupiter.api.Test;

class DistinctCountTest {
    private static final String RULES = rule("Many regions", "ct.name = DescribeInstances",
            "  distinct:\n    field: ct.region\n    count: 3\n    within: 1h\n    by: [ct.user]\n");

    private static ObjectNode in(String region, String user, long seconds) {
        ObjectNode e = event("DescribeInstances", user, seconds);
        e.put("awsRegion", region);
        return e;
    }

    @Test
    void theNthDistinctValue_alerts_listingTheValuesOldestFirst() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(in("us-east-1", "alice", 0)).send(in("us-east-1", "alice", 10)).send(in("eu-west-1", "alice", 20));
        assertThat(f.alerts).isEmpty();
        f.send(in("ap-south-1", "alice", 30));
        assertThat(f.alerts).hasSize(1);
        StatefulContext c = f.alerts.get(0).stateful().orElseThrow();
        assertThat(c.kind()).isEqualTo("distinct");
        assertThat(c.values()).containsExactly("us-east-1", "eu-west-1", "ap-south-1");
        assertThat(c.count()).isEqualTo(3);
    }

    @Test
    void valuesOlderThanTheWindow_doNotCount() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(in("us-east-1", "alice", 0)).send(in("eu-west-1", "alice", 3000)).send(in("ap-south-1", "alice", 4000));
        assertThat(f.alerts).isEmpty();
    }

    @Test
    void repeatsOfOneValue_countOnce() {
        StatefulFixture f = new StatefulFixture(RULES);
        for (int i = 0; i < 10; i++) {
            f.send(in("us-east-1", "alice", i));
        }
        assertThat(f.alerts).isEmpty();
    }
}
