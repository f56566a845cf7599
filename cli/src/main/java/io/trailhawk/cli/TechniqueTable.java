package io.trailhawk.cli;

import io.trailhawk.formats.MitreTags;
import io.trailhawk.rules.load.RuleInfo;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MITRE ATT&CK techniques a ruleset's enabled rules are tagged with, by tactic, for docs/rules.md. A rule names
 * its tactics as {@code MITRE_TA0005_defense_evasion} and its techniques as {@code T1562} or {@code T1562.008}.
 */
final class TechniqueTable {
    static final Pattern TACTIC = MitreTags.TACTIC;
    static final Pattern TECHNIQUE = MitreTags.TECHNIQUE;

    private TechniqueTable() {
    }

    static String section(Collection<RuleInfo> rules) {
        // Tactic id and name -> technique -> how many rules.
        Map<String, Map<String, Integer>> byTactic = new TreeMap<>();
        for (RuleInfo r : rules) {
            if (!r.enabled()) {
                continue;
            }
            TreeSet<String> techniques = new TreeSet<>();
            r.tags().stream().filter(t -> TECHNIQUE.matcher(t).matches()).forEach(techniques::add);
            for (String t : r.tags()) {
                Matcher m = TACTIC.matcher(t);
                if (m.matches()) {
                    Map<String, Integer> counts = byTactic.computeIfAbsent(m.group(1) + " " + m.group(2)
                            .replace('_', ' '), k -> new TreeMap<>());
                    techniques.forEach(x -> counts.merge(x, 1, Integer::sum));
                }
            }
        }
        StringBuilder md = new StringBuilder("\n## MITRE ATT&CK techniques, by tactic\n\n")
                .append("Each enabled rule carries its tactics and techniques as tags; a technique counts under every ")
                .append("tactic its rule names. In brackets: how many rules.\n\n| tactic | techniques |\n|---|---|\n");
        for (Map.Entry<String, Map<String, Integer>> e : byTactic.entrySet()) {
            StringBuilder cell = new StringBuilder();
            e.getValue().forEach((t, n) -> cell.append(cell.length() == 0 ? "" : ", ").append(t).append(" (")
                    .append(n).append(')'));
            md.append("| ").append(e.getKey()).append(" | ").append(cell).append(" |\n");
        }
        return md.toString();
    }
}
