package io.trailhawk.stateful;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.Alert;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The stateful rules of one ruleset, by name and by fingerprint, and the key each match's state lives under. */
public final class StatefulRules {
    private final Map<String, CompiledRule> byName;
    private final Map<Long, CompiledRule> byFingerprint;
    private final Set<Long> scopes;
    private final Set<Long> ownKeys;

    private StatefulRules(Map<String, CompiledRule> byName, Map<Long, CompiledRule> byFingerprint, Set<Long> scopes,
            Set<Long> ownKeys) {
        this.byName = Collections.unmodifiableMap(byName);
        this.byFingerprint = Collections.unmodifiableMap(byFingerprint);
        this.scopes = Collections.unmodifiableSet(scopes);
        this.ownKeys = Set.copyOf(ownKeys);
    }

    public static StatefulRules of(CompiledRuleset ruleset) {
        return of(ruleset, Set.of());
    }

    /**
     * {@code ownKeys}: the fingerprints of rules whose state a savepoint of release 0.1.0 holds, one key per rule
     * and group; those rules keep that layout, so that their state carries on, until they change.
     */
    public static StatefulRules of(CompiledRuleset ruleset, Set<Long> ownKeys) {
        Map<String, CompiledRule> byName = new HashMap<>();
        Map<Long, CompiledRule> byFingerprint = new HashMap<>();
        Set<Long> scopes = new HashSet<>();
        for (CompiledRule r : ruleset.activeRules()) {
            if (r.stateful().isPresent()) {
                byName.put(r.name(), r);
                byFingerprint.put(r.stateful().get().fingerprint(), r);
                scopes.add(r.stateful().get().scope());
            }
        }
        return new StatefulRules(byName, byFingerprint, scopes, ownKeys);
    }

    /** The fingerprints of this ruleset's stateful rules. */
    public Set<Long> fingerprints() {
        return byFingerprint.keySet();
    }

    /**
     * The key a match's state lives under: its rule's scope and its group's values. Empty for an alert that carries
     * no state, which passes through as it is.
     */
    public Optional<GroupKey> keyOf(Alert match) {
        return ruleOf(match).map(r -> keyOf(r, match));
    }

    /** {@link #keyOf(Alert)} for a match whose rule, one of these, is known already. */
    public GroupKey keyOf(CompiledRule rule, Alert match) {
        long fingerprint = rule.stateful().get().fingerprint();
        long scope = ownKeys.contains(fingerprint) ? fingerprint : rule.stateful().get().scope();
        return GroupKey.of(scope, List.copyOf(match.stateful().get().group().values()));
    }

    /** The stateful rule that gave {@code match}; empty for an alert that carries no state. */
    public Optional<CompiledRule> ruleOf(Alert match) {
        return match.stateful().isEmpty() ? Optional.empty() : Optional.ofNullable(byName.get(match.rule()));
    }

    /** The rule of this fingerprint in this ruleset. */
    public Optional<CompiledRule> ruleOf(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /** Whether {@code scope} is the {@code by} scope of one of these rules, rather than one rule's own key. */
    boolean isScope(long scope) {
        return scopes.contains(scope);
    }
}
