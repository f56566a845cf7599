package io.trailhawk.rules.compile;

import java.util.List;

/** Rules with a defect no YAML can give them, to show what evaluation does when a rule throws. */
public final class ThrowingRules {
    private ThrowingRules() {
    }

    /** {@code rule} with a condition that throws {@code failure} on every event it meets. */
    public static CompiledRule withThrowingCondition(CompiledRule rule, RuntimeException failure) {
        return new CompiledRule(rule.name(), rule.desc(), rule.priority(), rule.source(), rule.tags(), rule.enabled(),
                event -> {
                    throw failure;
                }, rule.output(), rule.eventNames(), rule.eventSources(), rule.requirement(), rule.conditionText(),
                List.of(), rule.stateful(), rule.alerts(), rule.shadow());
    }
}
