package io.trailhawk.job.detect;

import io.trailhawk.rules.RuleFailures;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules that threw on the event being evaluated, so that the event goes to the dead letters once, naming them
 * all, and the log names each failing rule with its stack trace once rather than once per event. A member of the
 * record that turns out malformed when read is the record's fault, not a rule's: it is thrown on, and the record
 * is dead-lettered as a whole.
 */
final class FailedRules implements RuleFailures {
    private static final Logger LOG = LoggerFactory.getLogger(FailedRules.class);
    /** Rule names whose first failure was logged with its stack; bounded, as names come from pushed files. */
    private static final int REMEMBERED = 1000;
    private final List<String> rules = new ArrayList<>();
    private final StringBuilder reason = new StringBuilder();
    private final Set<String> logged = new HashSet<>();

    @Override
    public void failed(String rule, RuntimeException failure) {
        if (failure instanceof UncheckedIOException) {
            throw failure;
        }
        rules.add(rule);
        reason.append(reason.length() == 0 ? "" : "; ").append("rule '").append(rule).append("' failed: ")
                .append(failure);
        if (logged.size() < REMEMBERED && logged.add(rule)) {
            LOG.error("rule '{}' failed on an event; its later failures are counted in evaluationFailures and sent "
                    + "to the dead letters without this trace", rule, failure);
        }
    }

    /** Forgets the last event's failures. */
    void clear() {
        rules.clear();
        reason.setLength(0);
    }

    boolean any() {
        return !rules.isEmpty();
    }

    List<String> rules() {
        return List.copyOf(rules);
    }

    String reason() {
        return reason.toString();
    }
}
