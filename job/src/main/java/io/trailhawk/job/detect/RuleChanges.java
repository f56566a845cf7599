package io.trailhawk.job.detect;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.compile.CompiledRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an activation changed, rule by rule: the rules added, removed and changed (promoted out of shadow
 * included) between the ruleset that was active and the one that replaces it, each list in the new (or, for removals, the old) ruleset's order. Immutable.
 */
public final class RuleChanges {
    public final List<String> added;
    public final List<String> removed;
    public final List<String> changed;

    private RuleChanges(List<String> added, List<String> removed, List<String> changed) {
        this.added = Collections.unmodifiableList(added);
        this.removed = Collections.unmodifiableList(removed);
        this.changed = Collections.unmodifiableList(changed);
    }

    /** From {@code before} (null: nothing was active) to {@code after}. */
    public static RuleChanges between(CompiledRuleset before, CompiledRuleset after) {
        Map<String, CompiledRule> old = new LinkedHashMap<>();
        if (before != null) {
            before.rules().forEach(r -> old.put(r.name(), r));
        }
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Map<String, CompiledRule> kept = new LinkedHashMap<>();
        for (CompiledRule r : after.rules()) {
            CompiledRule was = old.get(r.name());
            if (was == null) {
                added.add(r.name());
            } else if (r.differsFrom(was) || before.inShadow(r.name()) != after.inShadow(r.name())) {
                changed.add(r.name());
            }
            kept.put(r.name(), r);
        }
        List<String> removed = new ArrayList<>();
        old.keySet().forEach(name -> {
            if (!kept.containsKey(name)) {
                removed.add(name);
            }
        });
        return new RuleChanges(added, removed, changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
