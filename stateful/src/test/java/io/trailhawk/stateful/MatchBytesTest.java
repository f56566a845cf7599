package io.trailhawk.stateful;

import static io.trailhawk.stateful.StatefulFixture.event;
import static io.trailhawk.stateful.StatefulFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.RuleFailures;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchBytesTest {
    private static final StatefulFixture F = new StatefulFixture(rule("Noisy", "ct.name = ListUsers",
            "  suppress:\n    by: [ct.user]\n    for: 10m\n"));
    private static final byte[] RECORD = event("ListUsers", "alice", 30).toString()
            .getBytes(StandardCharsets.UTF_8);

    /** The record's one match, left unrendered, and the alert the evaluator renders for it. */
    private static Object[] evaluated() throws Exception {
        List<CompiledRule> rules = new ArrayList<>();
        List<StatefulContext> contexts = new ArrayList<>();
        List<Alert> stateless = F.rules.evaluator().evaluate(RECORD, null, 1, RuleFailures.RETHROW, (r, c) -> {
            rules.add(r);
            contexts.add(c);
        });
        assertThat(stateless).isEmpty();
        assertThat(rules).hasSize(1);
        Alert rendered = F.rules.evaluate(CloudTrailEvent.of(event("ListUsers", "alice", 30), 1)).get(0);
        return new Object[] {rules.get(0), contexts.get(0), rendered};
    }

    @Test
    void anUnrenderedMatch_readsAsItsContextSays_andRendersTheEvaluatorsAlert() throws Exception {
        Object[] e = evaluated();
        CompiledRule rule = (CompiledRule) e[0];
        StatefulContext context = (StatefulContext) e[1];
        Alert rendered = (Alert) e[2];
        long fingerprint = rule.stateful().orElseThrow().fingerprint();

        Match m = MatchBytes.decode(MatchBytes.encodeUnrendered(context, fingerprint, RECORD), 0L);

        assertThat(m.fingerprint()).isEqualTo(fingerprint);
        assertThat(m.timeNanos()).isEqualTo(rendered.timeNanos());
        assertThat(m.eventIds()).containsExactly("ListUsers-alice-30");
        assertThat(m.groupValues()).containsExactly("alice");
        Alert a = m.alert(rule);
        assertThat(a.output()).isEqualTo(rendered.output());
        assertThat(a.outputFields()).isEqualTo(rendered.outputFields());
        assertThat(a.eventId()).isEqualTo(rendered.eventId());
        assertThat(a.accountId()).isEqualTo(rendered.accountId());
        assertThat(a.region()).isEqualTo(rendered.region());
        assertThat(m.alertBytes(rule)).isEqualTo(AlertBytes.encode(rendered));
    }

    @Test
    void anUnrenderedMatch_isHeldRendered_asAMatchTheEvaluatorRendered() throws Exception {
        Object[] e = evaluated();
        CompiledRule rule = (CompiledRule) e[0];
        long fingerprint = rule.stateful().orElseThrow().fingerprint();
        Match m = MatchBytes.decode(MatchBytes.encodeUnrendered((StatefulContext) e[1], fingerprint, RECORD), 0L);

        assertThat(m.encoded(rule)).isEqualTo(MatchBytes.encode((Alert) e[2], fingerprint));
    }
}
