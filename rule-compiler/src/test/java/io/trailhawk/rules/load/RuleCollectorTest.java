package io.trailhawk.rules.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCollectorTest {
    private static final SourceLocation AT = SourceLocation.of("rules.yaml", 1, 1);

    private static PositionedText text(String s) {
        return PositionedText.of(s, AT);
    }

    private static ExceptionInfo exception(String name, Object... values) {
        return new ExceptionInfo(name, AT, true, List.of("ct.user"), List.of("="), List.of(values));
    }

    private static RuleUpdate definition(String condition) {
        return RuleUpdate.builder().condition(Merge.REPLACE, text(condition)).output(Merge.REPLACE, text(" %ct.user "))
                .desc(Merge.REPLACE, "d").priority(Priority.WARNING).enabled(true).skipIfUnknownFilter(false)
                .tags(Merge.REPLACE, List.of("b", "a")).exceptions(Merge.REPLACE, List.of(exception("e", List.of("x"))))
                .build();
    }

    @Test
    void aDefinition_setsEveryKey_andTrimsTheOutput() {
        RuleCollector c = new RuleCollector();
        c.defineRule("r", AT, null, definition("ct.name = A"));
        RuleInfo r = c.rule("r");
        assertThat(r.condition().text()).isEqualTo("ct.name = A");
        assertThat(r.output().text()).isEqualTo("%ct.user");
        assertThat(r.tags()).containsExactly("a", "b");
        assertThat(r.effectiveSource()).isEqualTo(RuleInfo.DEFAULT_SOURCE);
    }

    @Test
    void anUpdate_appendsOrReplaces_keyByKey_andLeavesTheRestAlone() {
        RuleCollector c = new RuleCollector();
        c.defineRule("r", AT, null, definition("ct.name = A"));
        c.updateRule(c.rule("r"), RuleUpdate.builder().condition(Merge.APPEND, text("and ct.user = b"))
                .desc(Merge.APPEND, "more").tags(Merge.APPEND, List.of("c")).priority(Priority.CRITICAL).build());
        RuleInfo r = c.rule("r");
        assertThat(r.condition().text()).isEqualTo("ct.name = A and ct.user = b");
        assertThat(r.desc()).isEqualTo("d more");
        assertThat(r.tags()).containsExactly("a", "b", "c");
        assertThat(r.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(r.output().text()).isEqualTo("%ct.user");
        assertThat(r.exceptions()).hasSize(1);
    }

    @Test
    void appendedExceptions_addNewNames_andGiveExistingOnesMoreValues() {
        RuleCollector c = new RuleCollector();
        c.defineRule("r", AT, null, definition("ct.name = A"));
        c.updateRule(c.rule("r"), RuleUpdate.builder().exceptions(Merge.APPEND,
                List.of(exception("e", List.of("y")), exception("f", List.of("z")))).build());
        List<ExceptionInfo> ex = c.rule("r").exceptions();
        assertThat(ex).extracting(ExceptionInfo::name).containsExactly("e", "f");
        assertThat(ex.get(0).values()).containsExactly(List.of("x"), List.of("y"));
    }

    @Test
    void aRedefinition_replacesEverything_butKeepsTheFirstPosition() {
        RuleCollector c = new RuleCollector();
        c.defineRule("first", AT, null, definition("ct.name = A"));
        c.defineRule("second", AT, null, definition("ct.name = B"));
        c.updateRule(c.rule("first"), RuleUpdate.builder().enabled(false).build());
        c.defineRule("first", AT, null, RuleUpdate.builder().condition(Merge.REPLACE, text("ct.name = C"))
                .output(Merge.REPLACE, text("o")).desc(Merge.REPLACE, "d").priority(Priority.INFORMATIONAL).build());
        assertThat(c.rules()).extracting(RuleInfo::name).containsExactly("first", "second");
        RuleInfo r = c.rule("first");
        assertThat(r.condition().text()).isEqualTo("ct.name = C");
        assertThat(r.enabled()).isTrue();
        assertThat(r.exceptions()).isEmpty();
        assertThat(r.tags()).isEmpty();
    }

    @Test
    void macrosAndLists_areRedefinedInPlace_andAppendedTo() {
        RuleCollector c = new RuleCollector();
        c.defineList("l", AT, List.of("a"));
        c.appendList(c.list("l"), List.of("b"));
        c.defineMacro("m", AT, text("ct.name = A"));
        c.appendMacro(c.macro("m"), text("or ct.name = B"));
        assertThat(c.list("l").items()).containsExactly("a", "b");
        assertThat(c.macro("m").condition().text()).isEqualTo("ct.name = A or ct.name = B");
        c.defineList("l", AT, List.of("c"));
        assertThat(c.list("l").items()).containsExactly("c");
    }
}
