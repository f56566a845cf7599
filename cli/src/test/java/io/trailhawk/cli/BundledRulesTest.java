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

    /**
     * The sample data is an attack simulation: these rules fire on the detonations' own calls (the Stratus Red Team
     * user agent, its SecureString reads, its attempts to stop logging), so they may take more than 5%.
     */
    private static final java.util.Set<String> THE_ATTACK_ITSELF = java.util.Set.of("API Call From Offensive Tool",
            "SSM SecureString Parameter Decrypted by Long-Term Identity",
            "Failed Attempt to Disable Logging or Detection");

    @Test
    void noRuleGivesMoreThan5PercentOfTheSuppressedSampleAlerts_butThoseThatCatchTheAttackItself() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("..", "docs", "rules.md"));
        String table = doc.substring(doc.indexOf("| rule | alerts, every match |"));
        int rows = 0;
        for (String line : table.split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("| rule |")) {
                if (rows > 0 && !line.startsWith("|")) {
                    break;
                }
                continue;
            }
            String[] cells = line.split("\\|");
            double share = Double.parseDouble(cells[6].trim().replace("%", ""));
            rows++;
            if (share > 5.0) {
                assertThat(THE_ATTACK_ITSELF).as(cells[1].trim() + " gives " + share + "%").contains(cells[1].trim());
            }
        }
        assertThat(rows).isPositive();
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
