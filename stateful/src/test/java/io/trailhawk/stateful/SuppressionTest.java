package io.trailhawk.stateful;

import static io.trailhawk.stateful.StatefulFixture.event;
import static io.trailhawk.stateful.StatefulFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import org.junit.jupiter.api.Test;

class SuppressionTest {
    private static final String RULES = rule("Noisy", "ct.name = ListUsers",
            "  suppress:\n    by: [ct.user]\n    for: 10m\n");

    @Test
    void theFirstMatchAlerts_laterOnesInTheWindowDoNot_andOneSummaryCountsThem() {
        StatefulFixture f = new StatefulFixture(RULES);
        for (int i = 0; i < 5; i++) {
            f.send(event("ListUsers", "alice", i * 60));
        }
        assertThat(f.alerts).hasSize(1);
        f.send(event("GetUser", "alice", 11 * 60));
        assertThat(f.alerts).hasSize(2);
        StatefulContext summary = f.alerts.get(1).stateful().orElseThrow();
        assertThat(summary.kind()).isEqualTo("suppressed");
        assertThat(summary.count()).isEqualTo(4);
        assertThat(summary.eventIds()).containsExactly("ListUsers-alice-60", "ListUsers-alice-120",
                "ListUsers-alice-180", "ListUsers-alice-240");
        assertThat(summary.windowStartNanos()).isLessThan(summary.windowEndNanos());
        assertThat(f.alerts.get(1).output()).endsWith("(4 matches of this group suppressed)");
        assertThat(summary.group()).containsEntry("ct.user", "alice");
    }

    @Test
    void eachGroupHasItsOwnWindow() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 0)).send(event("ListUsers", "bob", 1)).send(event("ListUsers", "alice", 2));
        assertThat(f.alerts).extracting(Alert::eventId).containsExactly("ListUsers-alice-0", "ListUsers-bob-1");
    }

    @Test
    void aWindowWithNothingSuppressed_closesWithoutASummary() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 0)).finish();
        assertThat(f.alerts).hasSize(1);
        assertThat(f.alerts.get(0).stateful().orElseThrow().kind()).isEqualTo("suppress");
    }

    @Test
    void aMatchAfterTheWindow_alertsAgain_andOpensANewOne() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 0)).send(event("ListUsers", "alice", 60))
                .send(event("ListUsers", "alice", 700)).finish();
        assertThat(f.alerts).extracting(a -> a.stateful().orElseThrow().kind())
                .containsExactly("suppress", "suppressed", "suppress");
    }

    @Test
    void withoutBy_theWholeRuleIsOneGroup() {
        StatefulFixture f = new StatefulFixture(rule("Noisy", "ct.name = ListUsers", "  suppress:\n    for: 1h\n"));
        f.send(event("ListUsers", "alice", 0)).send(event("ListUsers", "bob", 1)).finish();
        assertThat(f.alerts).extracting(a -> a.stateful().orElseThrow().kind()).containsExactly("suppress",
                "suppressed");
    }

    @Test
    void anEventMissingAByField_isItsOwnNaGroup() {
        StatefulFixture f = new StatefulFixture(rule("Noisy", "ct.name = ListUsers",
                "  suppress:\n    by: [\"json.value[/requestParameters/userName]\"]\n    for: 1h\n"));
        f.send(event("ListUsers", "alice", 0)).send(event("ListUsers", "bob", 1)).finish();
        assertThat(f.alerts).hasSize(2);
        assertThat(f.alerts.get(0).stateful().orElseThrow().group())
                .containsEntry("json.value[/requestParameters/userName]", "<NA>");
    }

    @Test
    void groupValuesCannotRunIntoEachOther_whateverTheyHold() {
        StatefulFixture f = new StatefulFixture(rule("Noisy", "ct.name = ListUsers",
                "  suppress:\n    by: [ct.user, ct.region]\n    for: 1h\n"));
        com.fasterxml.jackson.databind.node.ObjectNode a = event("ListUsers", "x\u0001", 0);
        a.put("awsRegion", "y");
        com.fasterxml.jackson.databind.node.ObjectNode b = event("ListUsers", "x", 1);
        b.put("awsRegion", "\u0001y");
        f.send(a).send(b);
        assertThat(f.alerts).as("two groups, two first alerts").hasSize(2);
    }

    @Test
    void aReloadThatChangesTheRule_firstGivesTheSummaryItsWindowOwes() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 0)).send(event("ListUsers", "alice", 60))
                .send(event("ListUsers", "alice", 120));
        StatefulFixture changed = new StatefulFixture(RULES.replace("for: 10m", "for: 20m"));
        java.util.List<Alert> owed = f.state.reload(new StatefulEngine(StatefulRules.of(changed.rules)));
        assertThat(owed).hasSize(1);
        assertThat(owed.get(0).stateful().orElseThrow().count()).isEqualTo(2);
        assertThat(f.state.groups()).isZero();
    }
}
