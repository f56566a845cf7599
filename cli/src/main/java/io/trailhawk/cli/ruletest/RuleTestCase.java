package io.trailhawk.cli.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One rule test case: an event or a list of them, a rule, and whether (and with what output) the rule must fire;
 * for a list, also how many alerts it must give and which event triggers each.
 */
public final class RuleTestCase {
    private final String name;
    private final String rule;
    private final boolean expectAlert;
    private final String expectedOutput;
    private final List<JsonNode> events;
    private final Integer expectedCount;
    private final List<Integer> triggeredBy;
    private final String location;
    private final String extraRules;

    RuleTestCase(String name, String rule, boolean expectAlert, String expectedOutput, List<JsonNode> events,
            Integer expectedCount, List<Integer> triggeredBy, String location, String extraRules) {
        this.name = name;
        this.rule = rule;
        this.expectAlert = expectAlert;
        this.expectedOutput = expectedOutput;
        this.events = List.copyOf(events);
        this.expectedCount = expectedCount;
        this.triggeredBy = triggeredBy == null ? null : List.copyOf(triggeredBy);
        this.location = location;
        this.extraRules = extraRules;
    }

    /**
     * Rules YAML loaded after the ruleset for this case only, such as a list a user is expected to tune; null when
     * the case runs against the ruleset as shipped.
     */
    public String extraRules() {
        return extraRules;
    }

    public String name() {
        return name;
    }

    public String rule() {
        return rule;
    }

    public boolean expectAlert() {
        return expectAlert;
    }

    /** The exact rendered rule output (without Falco's time and priority prefix), or null to skip that check. */
    public String expectedOutput() {
        return expectedOutput;
    }

    /** The events, in the order given; one for a case with {@code event}. */
    public List<JsonNode> events() {
        return events;
    }

    /** {@code alerts}: how many alerts the rule must give over the events; null to check only whether it fires. */
    public Integer expectedCount() {
        return expectedCount;
    }

    /** {@code triggered_by}: for each alert in order, the index of the event whose ID it carries; or null. */
    public List<Integer> triggeredBy() {
        return triggeredBy;
    }

    /** {@code FILE:LINE} of the case. */
    public String location() {
        return location;
    }
}
