package io.trailhawk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.stateful.LocalState;
import io.trailhawk.stateful.StatefulEngine;
import io.trailhawk.stateful.StatefulRules;
import java.time.Instant;
import java.util.List;

/**
 * State bytes per group for each stateful kind: one rule of the kind, {@code GROUPS} principals, each matching
 * {@code MATCHES} times within the window, through the engine with its in-process state. Reports the state's
 * value bytes (what the job's keyed state stores per group, before the backend's own overhead) and key bytes.
 */
public final class StateSizeBenchmark {
    private static final int GROUPS = 100_000;
    private static final int MATCHES = 2;
    private static final String[] KINDS = {
        "suppress:\n    by: [ct.user.arn]\n    for: 1h\n",
        "threshold:\n    count: 10\n    within: 1h\n    by: [ct.user.arn]\n",
        "distinct:\n    field: ct.region\n    count: 10\n    within: 1h\n    by: [ct.user.arn]\n",
        "first_seen:\n    field: ct.srcip\n    by: [ct.user.arn]\n    learn: 1d\n    forget: 30d\n",
    };

    private StateSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        System.out.printf("%-10s %8s %14s %12s%n", "kind", "groups", "state B/group", "key B/group");
        for (String kind : KINDS) {
            String yaml = "- rule: Sized\n  desc: d\n  condition: ct.name = ListUsers\n"
                    + "  output: \"%ct.user %ct.srcip %ct.region\"\n  priority: WARNING\n  " + kind;
            CompiledRuleset rules = RuleCompiler.builder().build().compile(List.of(RulesFile.of("s.yaml", yaml)));
            LocalState state = new LocalState(new StatefulEngine(StatefulRules.of(rules)));
            long n = 0;
            for (int m = 0; m < MATCHES; m++) {
                for (int g = 0; g < GROUPS; g++) {
                    ObjectNode e = json.createObjectNode();
                    e.putObject("userIdentity").put("type", "IAMUser").put("userName", "user-" + g)
                            .put("arn", "arn:aws:iam::111122223333:user/user-" + g);
                    e.put("eventTime", Instant.parse("2024-03-12T10:00:00Z").plusSeconds(m * 60L).toString());
                    e.put("eventName", "ListUsers").put("eventSource", "iam.amazonaws.com")
                            .put("awsRegion", m == 0 ? "us-east-1" : "eu-west-1")
                            .put("sourceIPAddress", "198.51.100." + (g % 250)).put("eventType", "AwsApiCall")
                            .put("eventID", "0e7a4f2c-1c2d-4e5f-8a9b-" + String.format("%012d", n));
                    for (Alert a : rules.evaluate(CloudTrailEvent.of(e, ++n))) {
                        state.accept(a);
                    }
                }
            }
            System.out.printf("%-10s %8d %14.1f %12.1f%n", kind.substring(0, kind.indexOf(':')), state.groups(),
                    (double) state.stateBytes() / state.groups(), (double) state.keyBytes() / state.groups());
        }
    }
}
