package io.trailhawk.stateful;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The stateful rules of one ruleset, by name, and the key each match's state lives under. Immutable. */
public final class StatefulRules {
    private static final char KEY_SEPARATOR = '\u0000';
    private static final char VALUE_SEPARATOR = '\u0001';

    private final Map<String, CompiledRule> rules;

    private StatefulRules(Map<String, CompiledRule> rules) {
        this.rules = Collections.unmodifiableMap(rules);
    }

    public static StatefulRules of(CompiledRuleset ruleset) {
        Map<String, CompiledRule> m = new HashMap<>();
        for (CompiledRule r : ruleset.activeRules()) {
            if (r.stateful().isPresent()) {
                m.put(r.name(), r);
            }
        }
        return new StatefulRules(m);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The stateful rule of this name in this ruleset. */
    Optional<CompiledRule> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    /**
     * The key a match's state lives under: its rule, the rule's fingerprint, and its group's values. Empty for an
     * alert that carries no state, which passes through as it is.
     */
    public Optional<String> keyOf(Alert match) {
        if (match.stateful().isEmpty()) {
            return Optional.empty();
        }
        CompiledRule r = rules.get(match.rule());
        if (r == null) {
            return Optional.empty();
        }
        StringBuilder key = new StringBuilder(match.rule()).append(KEY_SEPARATOR)
                .append(r.stateful().get().fingerprint()).append(KEY_SEPARATOR);
        // Each value with its length first: no value, whatever characters it holds, can run into the next.
        for (String v : match.stateful().get().group().values()) {
            key.append(v.length()).append(VALUE_SEPARATOR).append(v);
        }
        return Optional.of(key.toString());
    }

    /** The rule a key belongs to, when this ruleset still has it with the same fingerprint. */
    public Optional<CompiledRule> ruleOfKey(String key) {
        int a = key.indexOf(KEY_SEPARATOR);
        if (a < 0) {
            return Optional.empty();
        }
        CompiledRule r = rules.get(key.substring(0, a));
        if (r == null) {
            return Optional.empty();
        }
        String fingerprint = r.stateful().get().fingerprint();
        int end = a + 1 + fingerprint.length();
        return end < key.length() && key.charAt(end) == KEY_SEPARATOR
                && key.regionMatches(a + 1, fingerprint, 0, fingerprint.length()) ? Optional.of(r) : Optional.empty();
    }

    /** The part of a key that names the rule and its fingerprint: what a rule's birth is kept under. */
    static String ruleKey(String key) {
        return key.substring(0, key.indexOf(KEY_SEPARATOR, key.indexOf(KEY_SEPARATOR) + 1));
    }
}
