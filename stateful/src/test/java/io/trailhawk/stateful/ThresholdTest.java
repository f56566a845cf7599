package io.trailhawk.stateful;

import static io.trailhawk.stateful.StatefulFixture.event;
import static io.trailhawk.stateful.StatefulFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.output.StatefulContext;
import org.junit.jupiter.api.Test;

class ThresholdTest {
    private static final String RULES = rule("Burst", "ct.name = GetSecretValue",
            "  threshold:\n    count: 3\n    within: 5m\n    by: [ct.user]\n");

    @Test
    void theNthMatchWithinTheWindow_alerts_withTheWindowAndEveryEvent() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("GetSecretValue", "alice", 0)).send(event("GetSecretValue", "alice", 60));
        assertThat(f.alerts).isEmpty();
        f.send(event("GetSecretValue", "alice", 120));
        assertThat(f.alerts).hasSize(1);
        StatefulContext c = f.alerts.get(0).stateful().orElseThrow();
        assertThat(c.kind()).isEqualTo("threshold");
        assertThat(c.count()).isEqualTo(3);
        assertThat(c.windowEndNanos() - c.windowStartNanos()).isEqualTo(120_000_000_000L);
        assertThat(c.eventIds()).hasSize(3);
        assertThat(f.alerts.get(0).eventId()).isEqualTo("GetSecretValue-alice-120");
    }

    @Test
    void matchesFurtherApartThanTheWindow_doNotAdd() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("GetSecretValue", "alice", 0)).send(event("GetSecretValue", "alice", 200))
                .send(event("GetSecretValue", "alice", 400)).finish();
        assertThat(f.alerts).isEmpty();
    }

    @Test
    void afterItFires_theGroupCountsAfresh() {
        StatefulFixture f = new StatefulFixture(RULES);
        for (int i = 0; i < 5; i++) {
            f.send(event("GetSecretValue", "alice", i));
        }
        assertThat(f.alerts).hasSize(1);
        f.send(event("GetSecretValue", "alice", 6));
        assertThat(f.alerts).hasSize(2);
    }

    @Test
    void aBusyGroup_hasOneCleanupTimer_andItsStateGoesTheMinuteItsWindowPasses() {
        StatefulFixture f = new StatefulFixture(rule("Burst", "ct.name = GetSecretValue",
                "  threshold:\n    count: 1000\n    within: 5m\n    by: [ct.user]\n"));
        for (int i = 0; i < 600; i += 10) {
            f.send(event("GetSecretValue", "alice", i));
        }
        assertThat(f.state.timers()).isEqualTo(1);
        assertThat(f.state.groups()).isEqualTo(1);
        f.send(event("ListUsers", "alice", 590 + 280));
        assertThat(f.state.groups()).isEqualTo(1);
        f.send(event("ListUsers", "alice", 590 + 300 + 10));
        assertThat(f.state.groups()).isZero();
        assertThat(f.state.timers()).isZero();
    }

    @Test
    void theOutput_namesTheStatefulValues() {
        StatefulFixture f = new StatefulFixture(rule("Burst", "ct.name = GetSecretValue",
                "  threshold:\n    count: 2\n    within: 5m\n    by: [ct.user]\n")
                .replace("output: \"", "output: \"%state.kind of %state.count by %state.group from "
                        + "%state.window_start to %state.window_end [%3state.kind] "));
        f.send(event("GetSecretValue", "alice", 0)).send(event("GetSecretValue", "alice", 60));
        assertThat(f.alerts).singleElement().satisfies(a -> assertThat(a.output()).startsWith("threshold of 2 by "
                + "(alice) from 2023-07-10T12:00:00.000000000Z to 2023-07-10T12:01:00.000000000Z [thr] "));
    }

    @Test
    void groupsCountApart() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("GetSecretValue", "alice", 0)).send(event("GetSecretValue", "bob", 1))
                .send(event("GetSecretValue", "alice", 2)).send(event("GetSecretValue", "bob", 3));
        assertThat(f.alerts).isEmpty();
    }

    @Test
    void aMatchOutOfOrderWithinTheWindow_counts() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("GetSecretValue", "alice", 100)).send(event("GetSecretValue", "alice", 50))
                .send(event("GetSecretValue", "alice", 120));
        assertThat(f.alerts).hasSize(1);
    }

    @Test
    void stateIsGone_onceItsWindowHasPassed() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("GetSecretValue", "alice", 0)).send(event("ListUsers", "x", 3600));
        assertThat(f.state.groups()).isZero();
    }

    @Test
    void theAlertListsOnlyTheEventsInItsWindow() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("GetSecretValue", "alice", 0)).send(event("GetSecretValue", "alice", 600))
                .send(event("GetSecretValue", "alice", 630)).send(event("GetSecretValue", "alice", 640));
        assertThat(f.alerts).hasSize(1);
        assertThat(f.alerts.get(0).stateful().orElseThrow().eventIds()).containsExactly("GetSecretValue-alice-600",
                "GetSecretValue-alice-630", "GetSecretValue-alice-640");
    }
}
