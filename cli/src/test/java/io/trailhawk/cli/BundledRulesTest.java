package io.trailhawk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.load.RulesFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default ruleset is valid with no warnings, and every rule passes its own cases. */
class BundledRulesTest {
    private static final Path RULES = Path.of("..", "rules");

    @Test
    void bundledRules_validateWithoutWarnings() throws Exception {
        CompiledRuleset r = RuleCompiler.builder().build().compile(RulesFile.readAll(List.of(RULES)));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.activeRuleCount()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void bundledRules_everyRuleHasAPassingPositiveAndNearMissCase() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("test", "--rules", RULES.toString(), "--require-coverage"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(report).matches("[1-9][0-9]* passed, 0 failed\n");
        assertThat(status).isZero();
    }

    @Test
    void everyEnabledRule_namesAMitreTacticAndTechnique() throws Exception {
        CompiledRuleset r = RuleCompiler.builder().build().compile(RulesFile.readAll(List.of(RULES)));
        for (io.trailhawk.rules.compile.CompiledRule rule : r.activeRules()) {
            assertThat(rule.tags()).as(rule.name()).anyMatch(t -> TechniqueTable.TACTIC.matcher(t).matches())
                    .anyMatch(t -> TechniqueTable.TECHNIQUE.matcher(t).matches());
        }
    }

    @Test
    void rulesDoc_isUpToDate() throws Exception {
        String generated = RulesDocCommand.render(RulesFile.readAll(List.of(RULES)),
                Path.of("..", RulesDocCommand.SAMPLES));
        String committed = java.nio.file.Files.readString(Path.of("..", "docs", "rules.md"));
        assertThat(committed).as("docs/rules.md is stale: run bin/trailhawk rules-doc > docs/rules.md")
                .isEqualTo(generated);
    }
}
