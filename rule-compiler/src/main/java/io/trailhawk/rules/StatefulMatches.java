package io.trailhawk.rules;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.output.StatefulContext;

/**
 * Where an evaluator puts the matches of stateful rules when it is asked not to render them. Most such matches only
 * count towards their state, so a host that carries matches to the state (the job does) renders a match's alert
 * only when the state alerts or keeps it, from the record.
 */
@FunctionalInterface
public interface StatefulMatches {
    /** {@code rule}, a stateful rule or a sequence, matched with {@code context}. */
    void match(CompiledRule rule, StatefulContext context);
}
