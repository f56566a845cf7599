package io.trailhawk.stateful;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A ruleset compiled from YAML, and events replayed through it and the engine in event-time order. */
final class StatefulFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2023-07-10T12:00:00Z");

    final CompiledRuleset rules;
    final LocalState state;
    private long number;
    final List<Alert> alerts = new ArrayList<>();

    StatefulFixture(String yaml) {
        try {
            rules = RuleCompiler.builder().build().compile(List.of(RulesFile.of("rules.yaml", yaml)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        state = new LocalState(new StatefulEngine(StatefulRules.of(rules)));
    }

    /** One event, {@code seconds} after {@link #T0}. */
    static ObjectNode event(String name, String user, long seconds) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", "1.08");
        e.putObject("userIdentity").put("type", "IAMUser").put("userName", user)
                .put("arn", "arn:aws:iam::111122223333:user/" + user).put("accountId", "111122223333");
        e.put("eventTime", T0.plusSeconds(seconds).toString().replace(".000", ""));
        e.put("eventSource", "iam.amazonaws.com");
        e.put("eventName", name);
        e.put("awsRegion", "us-east-1");
        e.put("sourceIPAddress", "198.51.100.7");
        e.put("eventType", "AwsApiCall");
        e.put("eventID", name + "-" + user + "-" + seconds);
        return e;
    }

    /** Evaluates an event and gives its alerts to the state, with the watermark at the event's time. */
    StatefulFixture send(ObjectNode event) {
        CloudTrailEvent e = CloudTrailEvent.of(event, ++number);
        for (Alert a : rules.evaluate(e)) {
            alerts.addAll(state.accept(a));
        }
        alerts.addAll(state.advanceTo(e.timeNanos()));
        return this;
    }

    StatefulFixture finish() {
        alerts.addAll(state.finish());
        return this;
    }

    static String rule(String name, String condition, String stateful) {
        return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: \"%ct.name by %ct.user\"\n"
                + "  priority: WARNING\n" + stateful;
    }
}
