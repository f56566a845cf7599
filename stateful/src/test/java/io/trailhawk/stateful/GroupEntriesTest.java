package io.trailhawk.stateful;

import static io.trailhawk.stateful.StatefulFixture.event;
import static io.trailhawk.stateful.StatefulFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupEntriesTest {
    private static final String BY_USER = rule("Burst", "ct.name = GetSecretValue",
            "  threshold:\n    count: 3\n    within: 1h\n    by: [ct.user]\n")
            + rule("Quiet", "ct.name = GetSecretValue", "  suppress:\n    by: [ct.user]\n    for: 2h\n")
            + rule("Names", "ct.name startswith Get",
                    "  distinct:\n    field: ct.name\n    count: 5\n    within: 3h\n    by: [ct.user]\n");
    private static final String BY_REGION = rule("Regional", "ct.name = GetSecretValue",
            "  threshold:\n    count: 3\n    within: 1h\n    by: [ct.region]\n");

    @Test
    void rulesWithTheSameBy_shareOneKeyPerGroup_withOneTimerPending() {
        StatefulFixture f = new StatefulFixture(BY_USER);
        f.send(event("GetSecretValue", "alice", 0)).send(event("GetSecretValue", "alice", 60));
        assertThat(f.state.groups()).isEqualTo(1);
        assertThat(f.state.timers()).as("the earliest of three rules' timers").isEqualTo(1);
        f.send(event("GetSecretValue", "bob", 60));
        assertThat(f.state.groups()).isEqualTo(2);
    }

    @Test
    void eachRuleOfASharedKey_keepsItsOwnSemantics_andEveryTimerStillReachesItsRule() {
        StatefulFixture f = new StatefulFixture(BY_USER);
        for (int i = 0; i < 3; i++) {
            f.send(event("GetSecretValue", "alice", i * 60L));
        }
        assertThat(f.alerts).extracting(a -> a.stateful().orElseThrow().kind()).containsExactly("suppress",
                "threshold");
        f.send(event("GetParameter", "alice", 3 * 3600));
        f.finish();
        assertThat(f.alerts).extracting(a -> a.stateful().orElseThrow().kind())
                .as("the suppression window closed on its timer, after the threshold's cleanup")
                .containsExactly("suppress", "threshold", "suppressed");
        assertThat(f.state.groups()).isZero();
    }

    @Test
    void rulesWithAnotherBy_haveKeysOfTheirOwn() {
        StatefulFixture f = new StatefulFixture(BY_USER + BY_REGION);
        f.send(event("GetSecretValue", "alice", 0));
        assertThat(f.state.groups()).isEqualTo(2);
    }

    @Test
    void aRuleWhoseStateASavepointOf010Holds_keepsAKeyOfItsOwn_namedByItsFingerprint() {
        StatefulFixture f = new StatefulFixture(BY_USER);
        CompiledRule burst = f.rules.activeRules().stream().filter(r -> r.name().equals("Burst")).findFirst()
                .orElseThrow();
        long fingerprint = burst.stateful().orElseThrow().fingerprint();
        StatefulRules rules = StatefulRules.of(f.rules, Set.of(fingerprint));
        Alert match = f.rules.evaluate(io.trailhawk.rules.event.CloudTrailEvent.of(
                event("GetSecretValue", "alice", 0), 1)).stream().filter(a -> a.rule().equals("Burst")).findFirst()
                .orElseThrow();
        assertThat(rules.keyOf(match).orElseThrow().scope()).isEqualTo(fingerprint);
        assertThat(StatefulRules.of(f.rules).keyOf(match).orElseThrow().scope())
                .isEqualTo(burst.stateful().orElseThrow().scope());
    }

    @Test
    void aValueOfRelease010_readsAsTheOneEntryOfTheRuleItsKeyNames() {
        byte[] threshold010 = new StateBytes.Writer(2).putLongs(new long[] {5L, 7L}, 2)
                .putValueTimes(new java.util.LinkedHashMap<>()).toBytes();
        GroupKey key = GroupKey.of(42L, List.of("alice"));
        GroupEntries g = GroupEntries.read(threshold010, key);
        assertThat(g.entries).hasSize(1);
        assertThat(g.entries.get(0).fingerprint).isEqualTo(42L);
        assertThat(g.entries.get(0).state()).isEqualTo(threshold010);
        assertThat(g.entries.get(0).due).as("every timer of the key reaches it").isEqualTo(Long.MIN_VALUE);
    }
}
