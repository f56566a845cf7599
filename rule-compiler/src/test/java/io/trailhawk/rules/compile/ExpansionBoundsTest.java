package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.load.RuleLimits;
import org.junit.jupiter.api.Test;

class ExpansionBoundsTest {

    /** Each macro uses the one before twice: the tree doubles at each level while the macros stay small. */
    private static String doublingMacros(int levels) {
        StringBuilder yaml = new StringBuilder("- macro: m0\n  condition: ct.name = A\n");
        for (int i = 1; i <= levels; i++) {
            yaml.append("- macro: m").append(i).append("\n  condition: m").append(i - 1).append(" or m")
                    .append(i - 1).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void aSharedMacro_countsOncePerUse() {
        ConditionFixture f = ConditionFixture.of(doublingMacros(10));
        ExpansionBounds bounds = new ExpansionBounds(RuleLimits.defaults());
        assertThat(bounds.problem(f.resolved("m10"))).isNull();
        ExpansionBounds small = new ExpansionBounds(RuleLimits.defaults().withConditionNodes(1000));
        assertThat(small.problem(f.resolved("m10"))).isEqualTo("the condition has more than 1000 nodes once its macros are expanded");
    }

    @Test
    void anExponentialMacro_isRejected_quickly() {
        ConditionFixture f = ConditionFixture.of(doublingMacros(60));
        assertThat(new ExpansionBounds(RuleLimits.defaults()).problem(f.resolved("m60"))).contains("more than");
    }

    @Test
    void aDeepChain_isRejected_byDepth() {
        StringBuilder yaml = new StringBuilder("- macro: d0\n  condition: ct.name = A\n");
        for (int i = 1; i <= RuleLimits.CONDITION_DEPTH + 5; i++) {
            yaml.append("- macro: d").append(i).append("\n  condition: not d").append(i - 1).append('\n');
        }
        ConditionFixture f = ConditionFixture.of(yaml.toString());
        assertThat(new ExpansionBounds(RuleLimits.defaults()).problem(f.resolved("d" + (RuleLimits.CONDITION_DEPTH + 5))))
                .contains("nests deeper than");
    }
}
