package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimplificationTest {
    private final ConditionFixture fixture = ConditionFixture.empty();

    private String simplified(String condition) {
        return fixture.simplified(condition).toString();
    }

    @Test
    void aCheckAgainstAnEmptyList_isFalse_andSettlesItsAnd() {
        assertThat(simplified("ct.name in () and ct.region = us-east-1")).isEqualTo("false");
    }

    @Test
    void falseLeavesAnOr_andAnOrOfOneIsItsChild() {
        assertThat(simplified("ct.name in () or ct.region = us-east-1")).isEqualTo("ct.region = us-east-1 : string");
    }

    @Test
    void notFalse_isTrue_andTrueLeavesAnAnd() {
        assertThat(simplified("not ct.name in () and ct.region = x")).isEqualTo("ct.region = x : string");
        assertThat(simplified("not ct.name in ()")).isEqualTo("true");
    }

    @Test
    void notNot_cancels() {
        assertThat(simplified("not not ct.name = DeleteTrail")).isEqualTo("ct.name = DeleteTrail : string");
        assertThat(simplified("not not not ct.name = DeleteTrail")).isEqualTo("not(ct.name = DeleteTrail : string)");
    }

    @Test
    void nestedGroupsOfOneKind_areFlattened_inOrder() {
        assertThat(simplified("ct.name = a and (ct.region = b and (ct.user = c and ct.srcip = d))"))
                .isEqualTo("and(ct.name = a : string, ct.region = b : string, ct.user = c : string, "
                        + "ct.srcip = d : string)");
    }

    @Test
    void aMacrosAnd_mergesIntoTheRulesAnd_butAnOrStaysAGroup() {
        ConditionFixture withMacros = ConditionFixture.of("- macro: login\n"
                + "  condition: ct.name = ConsoleLogin and ct.src = signin.amazonaws.com\n"
                + "- macro: either\n"
                + "  condition: ct.region = a or ct.region = b\n");
        assertThat(Simplification.of(withMacros.typeChecked("login and either").condition.orElseThrow()).toString())
                .isEqualTo("and(ct.name = ConsoleLogin : string, ct.src = signin.amazonaws.com : string, "
                        + "or(ct.region = a : string, ct.region = b : string))");
    }

    @Test
    void anEmptyListOnAListField_isFalse_too() {
        assertThat(simplified("ec2.imageids intersects ()")).isEqualTo("false");
    }
}
