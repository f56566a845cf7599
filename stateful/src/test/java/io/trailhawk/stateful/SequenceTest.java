package io.trailhawk.stateful;

import static io.trailhawk.stateful.StatefulFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.output.StatefulContext;
import org.junit.jupiter.api.Test;

class SequenceTest {
    private static final String RULES = "- rule: Recon\n  desc: d\n  condition: ct.name = ListUsers\n"
            + "  output: recon\n  priority: INFO\n  alert: false\n"
            + "- rule: Key\n  desc: d\n  condition: ct.name = CreateAccessKey\n  output: key\n  priority: INFO\n"
            + "  alert: false\n"
            + "- rule: Recon then key\n  desc: d\n  condition: ct.name = CreateAccessKey\n"
            + "  output: \"%ct.user listed users, then made a key\"\n  priority: CRITICAL\n"
            + "  sequence:\n    by: [ct.user]\n    within: 30m\n    steps: [Recon, Key]\n";

    @Test
    void stepsInOrderWithinTheWindow_alertOnTheLastStep_withEveryStepsEvent() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 0)).send(event("CreateAccessKey", "alice", 600));
        assertThat(f.alerts).hasSize(1);
        StatefulContext c = f.alerts.get(0).stateful().orElseThrow();
        assertThat(c.kind()).isEqualTo("sequence");
        assertThat(c.eventIds()).containsExactly("ListUsers-alice-0", "CreateAccessKey-alice-600");
        assertThat(c.values()).containsExactly("Recon", "Key");
        assertThat(f.alerts.get(0).output()).isEqualTo("alice listed users, then made a key");
        assertThat(f.alerts.get(0).rule()).isEqualTo("Recon then key");
    }

    @Test
    void feederRules_doNotAlertThemselves_andTheSequencesConditionAloneDoesNot() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("CreateAccessKey", "alice", 0)).send(event("ListUsers", "alice", 10)).finish();
        assertThat(f.alerts).isEmpty();
    }

    @Test
    void stepsTooFarApart_orOfAnotherGroup_doNotComplete() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 0)).send(event("CreateAccessKey", "alice", 3600))
                .send(event("ListUsers", "bob", 3700)).send(event("CreateAccessKey", "carol", 3710));
        assertThat(f.alerts).isEmpty();
    }

    @Test
    void aRepeatedFirstStep_restartsFromTheLaterEvent() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 0)).send(event("ListUsers", "alice", 1500))
                .send(event("CreateAccessKey", "alice", 2400));
        assertThat(f.alerts).hasSize(1);
        assertThat(f.alerts.get(0).stateful().orElseThrow().eventIds()).containsExactly("ListUsers-alice-1500",
                "CreateAccessKey-alice-2400");
    }

    @Test
    void aCompletedSequence_needsItsStepsAgainToAlertAgain() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 0)).send(event("CreateAccessKey", "alice", 1))
                .send(event("CreateAccessKey", "alice", 2));
        assertThat(f.alerts).hasSize(1);
    }

    @Test
    void anOlderFirstStepArrivingLate_doesNotReplaceALaterOne() {
        StatefulFixture f = new StatefulFixture(RULES);
        f.send(event("ListUsers", "alice", 1500)).send(event("ListUsers", "alice", 0))
                .send(event("CreateAccessKey", "alice", 2400));
        assertThat(f.alerts).hasSize(1);
        assertThat(f.alerts.get(0).stateful().orElseThrow().eventIds()).first().isEqualTo("ListUsers-alice-1500");
    }
}
