package io.trailhawk.rules;

/**
 * Where a rule whose evaluation threw on an event is reported. The other rules still evaluate that event: a defect
 * in one rule, or a value no rule expected, must not cost the alerts of the rest.
 */
@FunctionalInterface
public interface RuleFailures {
    /** Throws the first failure on, as if no rule were isolated from the others. */
    RuleFailures RETHROW = (rule, failure) -> {
        throw failure;
    };

    /** {@code rule}'s condition or output threw {@code failure} on the event being evaluated. */
    void failed(String rule, RuntimeException failure);
}
