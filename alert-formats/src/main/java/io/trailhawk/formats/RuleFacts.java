package io.trailhawk.formats;

import io.trailhawk.rules.output.Alert;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the formats derive from an alert's rule: its id, its tags as a list, and the ATT&CK tactics and techniques
 * they name. Worked out once per rule and thread, not per alert: each compiled rule's tag set is one object, which
 * keys a per-thread map, so a new ruleset's rules get new entries and an old one's are dropped with the map.
 */
final class RuleFacts {
    private static final int KEPT = 4096;
    private static final ThreadLocal<Map<Object, RuleFacts>> BY_TAGS = ThreadLocal.withInitial(IdentityHashMap::new);

    /** The rule's name, the very string its alerts carry. */
    private final String rule;
    final String ruleId;
    final List<String> tags;
    final List<MitreTags.Tactic> tactics;
    final List<String> techniques;

    private RuleFacts(Alert a) {
        rule = a.rule();
        ruleId = RuleId.of(a.rule());
        tags = List.copyOf(a.tags());
        tactics = MitreTags.tactics(a.tags());
        techniques = MitreTags.techniques(a.tags());
    }

    static RuleFacts of(Alert a) {
        Map<Object, RuleFacts> m = BY_TAGS.get();
        RuleFacts f = m.get(a.tags());
        if (f == null || f.rule != a.rule()) {
            if (m.size() >= KEPT) {
                m.clear();
            }
            f = new RuleFacts(a);
            m.put(a.tags(), f);
        }
        return f;
    }
}
