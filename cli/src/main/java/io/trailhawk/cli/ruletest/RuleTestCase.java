package io.trailhawk.cli.ruletest;

import com.fasterxml.jackson.databind.JsonNode;

/** One rule test case: an event, a rule, and whether (and with what output) the rule must fire. */
public final class RuleTestCase {
    private final String name;
    private final String rule;
    private final boolean expectAlert;
    private final String expectedOutput;
    private final JsonNode event;
    private final String location;
    private final String extraRules;

    RuleTestCase(String name, String rule, boolean expectAlert, String expectedOutput, JsonNode event,
            String location, String extraRules) {
        this.name = name;
        this.rule = rule;
        this.expectAlert = expectAlert;
        this.expectedOutput = expectedOutput;
        this.event = event;
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

    public JsonNode event() {
        return event;
    }

    /** {@code FILE:LINE} of the case. */
    public String location() {
        return location;
    }
}
