package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.load.RulesFile;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rule files written to hurt the compiler: each is rejected with a located error, quickly, in little memory, on a
 * thread with a small stack, so that one control message cannot crash or stall a job that compiles it.
 */
class HostileRulesTest {
    private static final int SMALL_STACK = 512 * 1024;
    private static final long SECONDS = 20;

    private static String rule(String condition) {
        return "- rule: R\n  desc: d\n  condition: " + condition + "\n  output: o\n  priority: WARNING\n";
    }

    /** Compiles on a fresh thread with a small stack, within the time limit: the ruleset, or what was thrown. */
    private static Object outcome(RuleCompiler compiler, String content) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                outcome.set(compiler.compile(List.of(RulesFile.of("hostile.yaml", content))));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "hostile-compile", SMALL_STACK);
        t.start();
        t.join(SECONDS * 1000);
        assertThat(t.isAlive()).as("compilation finished within %d s", SECONDS).isFalse();
        return outcome.get();
    }

    /** The errors of a rejected ruleset; fails if it compiles. */
    private static List<String> rejected(RuleCompiler compiler, String content) throws Exception {
        Object o = outcome(compiler, content);
        assertThat(o).as("outcome").isInstanceOf(RuleValidationException.class);
        return ((RuleValidationException) o).errors().stream().map(Issue::toString).collect(Collectors.toList());
    }

    /** Fails unless the ruleset compiles. */
    private static CompiledRuleset compiled(String content) throws Exception {
        Object o = outcome(RuleCompiler.builder().build(), content);
        assertThat(o).as("outcome").isInstanceOf(CompiledRuleset.class);
        return (CompiledRuleset) o;
    }

    private static List<String> rejected(String content) throws Exception {
        return rejected(RuleCompiler.builder().build(), content);
    }

    @Test
    void yamlNestedTenThousandDeep_isRejectedAtTheLimit() throws Exception {
        String flow = "- rule: R\n  tags: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertThat(rejected(flow)).singleElement().asString()
                .startsWith("hostile.yaml:2:").contains("YAML nests deeper than " + RuleLimits.DEFAULT_YAML_DEPTH);
        StringBuilder block = new StringBuilder("- rule: R\n  desc:\n");
        for (int i = 0; i < 1_000; i++) {
            block.append(" ".repeat(4 + i)).append("k:\n");
        }
        assertThat(rejected(block.toString())).singleElement().asString().contains("YAML nests deeper than");
    }

    @Test
    void yamlAliasBomb_isRejected() throws Exception {
        StringBuilder bomb = new StringBuilder("- list: l0\n  items: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            String ref = "*a" + (i - 1);
            bomb.append("- list: l").append(i).append("\n  items: &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(8, ref))).append("]\n");
        }
        assertThat(rejected(bomb.toString())).singleElement().asString().startsWith("hostile.yaml:")
                .contains("more than " + RuleLimits.DEFAULT_YAML_ALIASES + " YAML aliases");
        // Within the alias limit, three-way fan-out over 16 levels still names 43 million leaves.
        StringBuilder wide = new StringBuilder("- list: l0\n  items: &a0 [lol, lol, lol]\n");
        for (int i = 1; i <= 16; i++) {
            String ref = "*a" + (i - 1);
            wide.append("- list: l").append(i).append("\n  items: &a").append(i).append(" [").append(ref)
                    .append(", ").append(ref).append(", ").append(ref).append("]\n");
        }
        assertThat(rejected(wide.toString())).first().asString().startsWith("hostile.yaml:");
    }

    @Test
    void tenThousandChainedNots_cancelOutAsInFalco_withoutDeepRecursion() throws Exception {
        CompiledRuleset even = compiled(rule("not ".repeat(10_000) + "ct.name = x"));
        assertThat(even.rules().get(0).conditionText()).endsWith("ct.name = x");
        assertThat(RulesetFixture.firing(even, RulesetFixture.record("\"eventName\":\"x\""))).containsExactly("R");
        CompiledRuleset odd = compiled(rule("not ".repeat(10_001) + "ct.name = x"));
        assertThat(RulesetFixture.firing(odd, RulesetFixture.record("\"eventName\":\"x\""))).isEmpty();
    }

    @Test
    void parenthesesNestedPastFalcosDepthLimit_areRejected() throws Exception {
        assertThat(rejected(rule("(".repeat(5_000) + "ct.name = x" + ")".repeat(5_000)))).singleElement().asString()
                .startsWith("hostile.yaml:3:").contains("exceeded max depth limit of 1000");
        assertThat(compiled(rule("(".repeat(150) + "ct.name = x" + ")".repeat(150))).ruleCount()).isEqualTo(1);
    }

    @Test
    void macroChainDeeperThanTheLimit_isRejectedAtTheRule() throws Exception {
        StringBuilder chain = new StringBuilder("- macro: m0\n  condition: ct.name = x\n");
        for (int i = 1; i < 5_000; i++) {
            chain.append("- macro: m").append(i).append("\n  condition: not m").append(i - 1).append('\n');
        }
        chain.append(rule("m4999"));
        assertThat(rejected(chain.toString())).singleElement().asString()
                .contains("rule 'R'").contains("nests deeper than 1000 levels once its macros are expanded");
    }

    @Test
    void macroThatDoublesAtEveryLevel_isRejectedBeforeItIsExpanded() throws Exception {
        StringBuilder doubling = new StringBuilder("- macro: m0\n  condition: ct.name = x\n");
        for (int i = 1; i <= 40; i++) {
            doubling.append("- macro: m").append(i).append("\n  condition: m").append(i - 1).append(" and m")
                    .append(i - 1).append('\n');
        }
        doubling.append(rule("m40"));
        assertThat(rejected(doubling.toString())).singleElement().asString().contains("rule 'R'")
                .contains("more than " + RuleLimits.DEFAULT_CONDITION_NODES + " nodes once its macros are expanded");
    }

    @Test
    void listThatDoublesAtEveryLevel_isRejectedBeforeItIsExpanded() throws Exception {
        StringBuilder doubling = new StringBuilder("- list: l0\n  items: [a, b]\n");
        for (int i = 1; i <= 40; i++) {
            doubling.append("- list: l").append(i).append("\n  items: [l").append(i - 1).append(", l")
                    .append(i - 1).append("]\n");
        }
        doubling.append(rule("ct.name in (l40)"));
        // 2^17 items: l16 is the first list over the limit, and every list built on it is reported too.
        assertThat(rejected(doubling.toString())).first().asString().startsWith("hostile.yaml:33:3:")
                .contains("list 'l16'").contains("more than " + RuleLimits.DEFAULT_LIST_ITEMS + " items");
    }

    @Test
    void aFileOfOneHundredThousandRules_isRejectedAtTheFirstRuleOverTheLimit() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            many.append("- rule: r").append(i).append("\n  desc: d\n  condition: ct.name = x\n  output: o\n"
                    + "  priority: INFO\n");
        }
        int line = RuleLimits.DEFAULT_ITEMS * 5 + 1;
        RuleCompiler roomy = RuleCompiler.builder().setLimits(RuleLimits.defaults().withFileChars(64 << 20)).build();
        assertThat(rejected(roomy, many.toString())).singleElement().asString()
                .startsWith("hostile.yaml:" + line + ":3:").contains("more than " + RuleLimits.DEFAULT_ITEMS);
    }

    @Test
    void aFileOverTheSizeLimit_isRejected() throws Exception {
        RuleCompiler small = RuleCompiler.builder().setLimits(RuleLimits.defaults().withFileChars(1000)).build();
        String big = rule("ct.name = x") + "# " + "x".repeat(2000) + "\n";
        assertThat(rejected(small, big)).singleElement().asString().startsWith("hostile.yaml:1:1:")
                .contains("larger than 1000 characters");
    }

    @Test
    void aRegularExpressionRe2Refuses_isALocatedError() throws Exception {
        assertThat(rejected(rule("ct.name regex 'x(?=y)'"))).singleElement().asString()
                .startsWith("hostile.yaml:3:").contains("invalid regex pattern");
    }

    @Test
    void limitsAreConfigurable_andARulesetWithinThemCompiles() throws Exception {
        RuleLimits tight = RuleLimits.defaults().withItems(2);
        String two = rule("ct.name = x") + rule("ct.name = y").replace("rule: R", "rule: S");
        assertThat(RuleCompiler.builder().setLimits(tight).build()
                .compile(List.of(RulesFile.of("ok.yaml", two))).ruleCount()).isEqualTo(2);
        assertThat(rejected(RuleCompiler.builder().setLimits(tight.withItems(1)).build(), two)).singleElement()
                .asString().contains("more than 1 ");
    }
}
