package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.diag.Issue;
import org.junit.jupiter.api.Test;

class MacroResolverTest {

    @Test
    void aMacro_isReplacedByItsCondition_keepingItsGrouping() {
        ConditionFixture f = ConditionFixture.of("- macro: login\n"
                + "  condition: ct.name = ConsoleLogin and ct.src = signin.amazonaws.com\n");
        assertThat(f.resolved("login and not ct.region = x").toString())
                .isEqualTo("and(and(ct.name = ConsoleLogin, ct.src = signin.amazonaws.com), not(ct.region = x))");
        assertThat(f.diag.all()).isEmpty();
    }

    @Test
    void aMacroUsedTwice_isOneSharedSubtree() {
        ConditionFixture f = ConditionFixture.of("- macro: m\n  condition: ct.name = A\n");
        Condition.Group both = (Condition.Group) f.resolved("m or m");
        assertThat(both.children.get(0)).isSameAs(both.children.get(1));
    }

    @Test
    void anUndefinedMacro_isAnErrorWhereTheReferenceIsWritten() {
        ConditionFixture f = ConditionFixture.empty();
        assertThat(f.resolved("ct.name = A and nope")).isNull();
        Issue e = f.diag.errors().get(0);
        assertThat(e.message()).isEqualTo("Undefined macro 'nope' used in filter.");
        assertThat(e.item()).isEqualTo("rule 'r'");
    }

    @Test
    void aMacroReferringToALaterMacro_isAnError_evenWhenNoRuleUsesIt() {
        ConditionFixture f = ConditionFixture.of("- macro: first\n  condition: second\n"
                + "- macro: second\n  condition: ct.name = A\n");
        assertThat(f.diag.errors()).extracting(Issue::message)
                .containsExactly("Undefined macro 'second' used in filter.");
        assertThat(f.diag.errors().get(0).item()).isEqualTo("macro 'first'");
    }

    @Test
    void aRule_mayUseAnyMacro_butOneThatFailed_failsWithoutASecondMessage() {
        ConditionFixture f = ConditionFixture.of("- macro: broken\n  condition: ct.name = (\n"
                + "- macro: fine\n  condition: ct.name = A\n");
        int before = f.diag.errors().size();
        assertThat(f.resolved("fine")).isNotNull();
        assertThat(f.resolved("broken")).isNull();
        assertThat(f.diag.errors()).hasSize(before);
    }

    @Test
    void referencesFromAnyMacroOrRule_countAsUses() {
        ConditionFixture f = ConditionFixture.of("- macro: a\n  condition: ct.name = A\n"
                + "- macro: b\n  condition: a\n- macro: c\n  condition: ct.name = C\n");
        f.resolved("ct.name = X");
        assertThat(f.resolver.used()).containsExactly("a");
        f.resolved("c");
        assertThat(f.resolver.used()).containsExactlyInAnyOrder("a", "c");
    }
}
