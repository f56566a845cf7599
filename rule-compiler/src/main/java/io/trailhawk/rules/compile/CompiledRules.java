package io.trailhawk.rules.compile;

import java.util.Collections;
import java.util.List;

/** The outcome of compiling a collected ruleset: every rule that compiled, in evaluation order. */
public final class CompiledRules {
    private final List<CompiledRule> rules;

    CompiledRules(List<CompiledRule> rules) {
        this.rules = Collections.unmodifiableList(rules);
    }

    public List<CompiledRule> rules() {
        return rules;
    }
}
