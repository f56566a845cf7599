package io.trailhawk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.RulesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/coverage.md maps every CloudTrail detection of three public rulesets to the default rules that catch the same
 * behaviour, or says why none does; its summary is the count of its rows.
 */
class CoverageMapTest {
    private static final Path MAP = Path.of("..", "docs", "coverage.md");
    private static final List<String> PEERS = List.of("Panther", "Sigma", "Elastic");
    /** Why a peer's rule may have no rule of ours: the only reasons the map accepts. */
    private static final List<String> REASONS = List.of("needs threat intelligence:", "needs a lookup:",
            "inventory only:");
    private static final Set<String> LOW = Set.of("info", "low");
    private static final Set<String> HIGH = Set.of("high", "critical");

    /** One row of a peer's table. */
    private static final class Row {
        final String peer;
        final String id;
        final String severity;
        final List<String> ours;
        final String reason;

        Row(String peer, String[] cells) {
            this.peer = peer;
            this.id = cells[0];
            this.severity = severity(cells[2]);
            this.ours = cells[3].isEmpty() ? List.of() : List.of(cells[3].split("; "));
            this.reason = cells[4];
        }

        boolean covered() {
            return !ours.isEmpty();
        }

        boolean justified() {
            return !covered() && REASONS.stream().anyMatch(reason::startsWith)
                    && !(reason.startsWith("inventory only:") && !LOW.contains(severity));
        }

        private static String severity(String s) {
            String v = s.toLowerCase(Locale.ROOT);
            return v.equals("informational") ? "info" : v;
        }
    }

    private static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        String peer = null;
        for (String line : Files.readAllLines(MAP)) {
            if (line.startsWith("## ")) {
                String heading = line.substring(3).trim();
                peer = PEERS.contains(heading) ? heading : null;
            } else if (peer != null && line.startsWith("| ") && !line.startsWith("| peer id")) {
                String[] cells = cells(line);
                assertThat(cells).as(line).hasSize(5);
                rows.add(new Row(peer, cells));
            }
        }
        return rows;
    }

    private static String[] cells(String line) {
        String inner = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0));
        String[] cells = inner.split("\\|", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim().replace("`", "");
        }
        return cells;
    }

    @Test
    void everyPeerHasRows_andNoRowTwice() throws Exception {
        List<Row> rows = rows();
        for (String peer : PEERS) {
            assertThat(rows).as(peer).anyMatch(r -> r.peer.equals(peer));
        }
        assertThat(rows.stream().map(r -> r.peer + " " + r.id)).doesNotHaveDuplicates();
    }

    @Test
    void everyRuleTheMapNames_isAnEnabledRuleOfTheDefaultRuleset() throws Exception {
        CompiledRuleset rules = RuleCompiler.builder().build().compile(RulesFile.readAll(List.of(Path.of("..",
                "rules"))));
        Set<String> enabled = rules.activeRules().stream().map(CompiledRule::name).collect(Collectors.toSet());
        for (Row r : rows()) {
            assertThat(enabled).as(r.peer + " " + r.id).containsAll(r.ours);
        }
    }

    @Test
    void aRowWithoutARule_saysWhy_andInventoryOnlyIsNoReasonAboveLow() throws Exception {
        for (Row r : rows()) {
            if (!r.covered() && !r.reason.isEmpty()) {
                assertThat(REASONS).as(r.peer + " " + r.id + ": " + r.reason).anyMatch(r.reason::startsWith);
            }
            if (r.covered()) {
                assertThat(r.reason).as(r.peer + " " + r.id + " is covered and gives a reason").isEmpty();
            }
        }
    }

    @Test
    void theSummary_isTheCountOfTheRows() throws Exception {
        List<Row> rows = rows();
        String doc = Files.readString(MAP);
        String summary = doc.substring(doc.indexOf("| ruleset |"), doc.indexOf("\n\n", doc.indexOf("| ruleset |")));
        assertThat(summary).isEqualTo(summary(rows));
    }

    /** The summary table the rows make. */
    static String summary(List<Row> rows) {
        Map<String, List<Row>> byPeer = new LinkedHashMap<>();
        for (String peer : PEERS) {
            byPeer.put(peer, rows.stream().filter(r -> r.peer.equals(peer)).collect(Collectors.toList()));
        }
        byPeer.put("all three", rows);
        StringBuilder s = new StringBuilder("| ruleset | rows | covered | share covered | no rule, with a reason"
                + " | no rule yet | High or Critical with no rule or reason |\n|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Row>> e : byPeer.entrySet()) {
            List<Row> r = e.getValue();
            long covered = r.stream().filter(Row::covered).count();
            long justified = r.stream().filter(Row::justified).count();
            long open = r.size() - covered - justified;
            long highOpen = r.stream().filter(x -> HIGH.contains(x.severity) && !x.covered() && !x.justified())
                    .count();
            s.append(String.format(Locale.ROOT, "%n| %s | %d | %d | %.0f%% | %d | %d | %d |", e.getKey(), r.size(),
                    covered, r.isEmpty() ? 0.0 : 100.0 * covered / r.size(), justified, open, highOpen));
        }
        return s.toString();
    }
}
