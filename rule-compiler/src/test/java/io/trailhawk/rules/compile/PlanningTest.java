package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.eval.Logical;
import org.junit.jupiter.api.Test;

class PlanningTest {
    private final ConditionFixture fixture = ConditionFixture.empty();

    private String plan(String condition) {
        return Planning.of(IcontainsFusion.of(fixture.simplified(condition))).toString();
    }

    @Test
    void theTreeBecomesPredicates_ofTheSameShape() {
        assertThat(plan("ct.name = A and not ct.region = x")).isEqualTo("and\n  ct.name = A\n  not\n    ct.region = x");
    }

    @Test
    void constantsBecomeTheConstantPredicates() {
        assertThat(Planning.of(Condition.FALSE)).isSameAs(Logical.NEVER);
        assertThat(Planning.of(Condition.TRUE)).isSameAs(Logical.ALWAYS);
    }

    @Test
    void aFusedCheck_becomesOneSubstringSearch() {
        assertThat(plan("ct.useragent icontains a or ct.useragent icontains b or ct.useragent icontains c"))
                .isEqualTo("ct.useragent icontains any of (a, b, c)");
    }
}
