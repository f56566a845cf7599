package io.trailhawk.stateful;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stateful rules of one ruleset, by name and by fingerprint, and the key each match's state lives under. */
public final class StatefulRules {
    private final Map<String, CompiledRule> byName;
    private final Map<Long, CompiledRule> byFingerprint;

    private StatefulRules(Map<String, CompiledRule> byName, Map<Long, CompiledRule> byFingerprint) {
        this.byName = Collections.unmodifiableMap(byName);
        this.byFingerprint = Collections.unmodifiableMap(byFingerprint);
    }

    public static StatefulRules of(CompiledRuleset ruleset) {
        Map<String, CompiledRule> byName = new HashMap<>();
        Map<Long, CompiledRule> byFingerprint = new HashMap<>();
        for (CompiledRule r : ruleset.activeRules()) {
            if (r.stateful().isPresent()) {
                byName.put(r.name(), r);
                byFingerprint.put(r.stateful().get().fingerprint(), r);
            }
        }
        return new StatefulRules(byName, byFingerprint);
    }

    /**
     * The key a match's state lives under: its rule's fingerprint and its group's values. Empty for an alert that
     * carries no state, which passes through as it is.
     */
    public Optional<GroupKey> keyOf(Alert match) {
        if (match.stateful().isEmpty()) {
            return Optional.empty();
        }
        CompiledRule r = byName.get(match.rule());
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(GroupKey.of(r.stateful().get().fingerprint(),
                List.copyOf(match.stateful().get().group().values())));
    }

    /** The rule a key belongs to, when this ruleset still has it with the same fingerprint. */
    public Optional<CompiledRule> ruleOfKey(GroupKey key) {
        return ruleOf(key.fingerprint());
    }

    /** The rule of this fingerprint in this ruleset. */
    public Optional<CompiledRule> ruleOf(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }
}
