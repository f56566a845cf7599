package io.trailhawk.formats;

import static io.trailhawk.formats.JsonFields.optional;
import static io.trailhawk.formats.JsonFields.strings;

import io.trailhawk.rules.event.EventTime;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.EventFacts;
import io.trailhawk.rules.output.JsonBytes;
import io.trailhawk.rules.output.StatefulContext;
import java.util.List;

/**
 * Elastic Common Schema 8.17.0, as an alert from outside the Elastic Stack: {@code event.kind: alert}, the rule
 * under {@code rule.*}, the CloudTrail call under {@code event.action}, {@code event.provider} and
 * {@code event.outcome}, the caller under {@code user.*}, {@code source.*} and {@code user_agent.original}, and
 * the rule's ATT&CK tags under {@code threat.*}. Members the event does not give are left out.
 */
final class EcsAlert implements AlertFormat {
    static final String ECS_VERSION = "8.17.0";

    EcsAlert(FormatSettings settings) {
    }

    @Override
    public String name() {
        return AlertFormats.ECS;
    }

    @Override
    public byte[] render(Alert a, AlertContext c) {
        EventFacts f = a.facts();
        StatefulContext state = a.stateful().orElse(null);
        JsonBytes g = JsonBytes.ofThread();
        g.startObject();
        g.name("@timestamp").string(EventTime.utcTimestamp(a.timeNanos()));
        g.name("cloud").startObject();
        optional(g, "provider", "aws");
        optional(g, "region", a.region());
        if (c.account().id() != null) {
            g.name("account").startObject();
            g.name("id").string(c.account().id());
            optional(g, "name", c.account().name());
            g.endObject();
        }
        if (f.eventSource() != null) {
            g.name("service").startObject().name("name").string(f.eventSource()).endObject();
        }
        g.endObject();
        g.name("ecs").startObject().name("version").string(ECS_VERSION).endObject();
        g.name("event").startObject();
        optional(g, "action", f.eventName());
        strings(g, "category", List.of("api"));
        g.name("dataset").string("trailhawk.alert");
        if (state != null) {
            g.name("end").string(EventTime.utcTimestamp(state.windowEndNanos()));
        }
        g.name("id").string(c.alertId(a));
        g.name("kind").string("alert");
        g.name("module").string("trailhawk");
        g.name("outcome").string(f.eventName() == null ? "unknown" : f.errorCode() == null ? "success" : "failure");
        optional(g, "provider", f.eventSource());
        g.name("severity").number(Severity.step(a.priority()));
        if (state != null) {
            g.name("start").string(EventTime.utcTimestamp(state.windowStartNanos()));
        }
        strings(g, "type", List.of("info"));
        g.endObject();
        g.name("labels").startObject();
        optional(g, "account_environment", c.account().environment());
        optional(g, "account_owner", c.account().owner());
        optional(g, "cloudtrail_event_id", a.eventId());
        g.name("falco_priority").string(a.priority().longName());
        if (c.rulesetVersion() != null) {
            g.name("ruleset_version").string(Long.toString(c.rulesetVersion()));
        }
        if (state != null) {
            g.name("stateful_count").string(Long.toString(state.count()));
            g.name("stateful_kind").string(state.kind());
        }
        g.endObject();
        g.name("message").string(a.output());
        g.name("rule").startObject();
        List<MitreTags.Tactic> tactics = RuleFacts.of(a).tactics;
        if (!tactics.isEmpty()) {
            g.name("category").string(tactics.get(0).name);
        }
        g.name("id").string(RuleFacts.of(a).ruleId);
        g.name("name").string(a.rule());
        g.name("ruleset").string("trailhawk");
        if (c.rulesetVersion() != null) {
            g.name("version").string(Long.toString(c.rulesetVersion()));
        }
        g.endObject();
        if (f.sourceIp() != null) {
            g.name("source").startObject();
            g.name(JsonFields.isIpAddress(f.sourceIp()) ? "ip" : "address").string(f.sourceIp());
            g.endObject();
        }
        strings(g, "tags", RuleFacts.of(a).tags);
        threat(g, a, tactics);
        if (f.userName() != null || f.principalId() != null) {
            g.name("user").startObject();
            optional(g, "id", f.principalId());
            optional(g, "name", f.userName());
            g.endObject();
        }
        if (f.userAgent() != null) {
            g.name("user_agent").startObject().name("original").string(f.userAgent()).endObject();
        }
        g.endObject();
        return g.done();
    }

    private static void threat(JsonBytes g, Alert a, List<MitreTags.Tactic> tactics) {
        List<String> techniques = RuleFacts.of(a).techniques;
        if (tactics.isEmpty() && techniques.isEmpty()) {
            return;
        }
        g.name("threat").startObject();
        g.name("framework").string("MITRE ATT&CK");
        if (!tactics.isEmpty()) {
            g.name("tactic").startObject();
            g.name("id").startArray();
            tactics.forEach(t -> g.string(t.id));
            g.endArray();
            g.name("name").startArray();
            tactics.forEach(t -> g.string(t.name));
            g.endArray();
            g.endObject();
        }
        if (!techniques.isEmpty()) {
            // ECS keeps sub-techniques apart, each under its technique.
            java.util.Set<String> parents = new java.util.LinkedHashSet<>();
            List<String> subs = new java.util.ArrayList<>();
            for (String t : techniques) {
                int dot = t.indexOf('.');
                parents.add(dot < 0 ? t : t.substring(0, dot));
                if (dot >= 0) {
                    subs.add(t);
                }
            }
            g.name("technique").startObject();
            strings(g, "id", List.copyOf(parents));
            if (!subs.isEmpty()) {
                g.name("subtechnique").startObject();
                strings(g, "id", subs);
                g.endObject();
            }
            g.endObject();
        }
        g.endObject();
    }
}
