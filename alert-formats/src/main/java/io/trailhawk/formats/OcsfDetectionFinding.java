package io.trailhawk.formats;

import static io.trailhawk.formats.JsonFields.optional;

import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.EventFacts;
import io.trailhawk.rules.output.JsonBytes;
import io.trailhawk.rules.output.StatefulContext;
import java.util.List;

/**
 * An OCSF 1.4.0 Detection Finding (class 2004) with the cloud profile: the rule as {@code finding_info.analytic},
 * its ATT&CK tags as {@code finding_info.attacks}, and the CloudTrail call behind it as the one evidence, mapped
 * the way OCSF maps CloudTrail to API Activity ({@code api}, {@code actor.user}, {@code actor.session},
 * {@code src_endpoint}, {@code http_request}). {@code metadata.uid} is the CloudTrail event's id and
 * {@code finding_info.uid} the alert's stable id ({@link AlertId}).
 */
final class OcsfDetectionFinding implements AlertFormat {
    static final String OCSF_VERSION = "1.4.0";
    private static final int CLASS_UID = 2004;
    private static final int ACTIVITY_CREATE = 1;
    /** OCSF's account type for an AWS account. */
    private static final int AWS_ACCOUNT = 10;

    OcsfDetectionFinding(FormatSettings settings) {
    }

    @Override
    public String name() {
        return AlertFormats.OCSF;
    }

    @Override
    public byte[] render(Alert a, AlertContext c) {
        EventFacts f = a.facts();
        StatefulContext state = a.stateful().orElse(null);
        long timeMillis = Math.floorDiv(a.timeNanos(), 1_000_000L);
        JsonBytes g = JsonBytes.ofThread();
        g.startObject();
        g.name("activity_id").number(ACTIVITY_CREATE);
        g.name("activity_name").string("Create");
        g.name("category_name").string("Findings");
        g.name("category_uid").number(2);
        g.name("class_name").string("Detection Finding");
        g.name("class_uid").number(CLASS_UID);
        cloud(g, a, c);
        if (state != null) {
            g.name("count").number(state.count());
            g.name("end_time").number(Math.floorDiv(state.windowEndNanos(), 1_000_000L));
        }
        evidence(g, f);
        findingInfo(g, a, c, state, timeMillis);
        g.name("is_alert").bool(true);
        g.name("message").string(a.output());
        metadata(g, a, c);
        g.name("severity").string(Severity.ocsfName(a.priority()));
        g.name("severity_id").number(Severity.step(a.priority()));
        if (state != null) {
            g.name("start_time").number(Math.floorDiv(state.windowStartNanos(), 1_000_000L));
        }
        g.name("status").string("New");
        g.name("status_id").number(1);
        g.name("time").number(timeMillis);
        g.name("type_name").string("Detection Finding: Create");
        g.name("type_uid").number(CLASS_UID * 100L + ACTIVITY_CREATE);
        g.endObject();
        return g.done();
    }

    private static void cloud(JsonBytes g, Alert a, AlertContext c) {
        g.name("cloud").startObject();
        if (c.account().id() != null) {
            g.name("account").startObject();
            optional(g, "name", c.account().name());
            g.name("type").string("AWS Account");
            g.name("type_id").number(AWS_ACCOUNT);
            g.name("uid").string(c.account().id());
            g.endObject();
        }
        g.name("provider").string("AWS");
        optional(g, "region", a.region());
        g.endObject();
    }

    private static void evidence(JsonBytes g, EventFacts f) {
        if (f.isEmpty()) {
            return;
        }
        g.name("evidences").startArray().startObject();
        if (f.userArn() != null || f.userName() != null || f.invokedBy() != null || f.mfaAuthenticated() != null) {
            g.name("actor").startObject();
            optional(g, "invoked_by", f.invokedBy());
            if (f.mfaAuthenticated() != null) {
                g.name("session").startObject();
                optional(g, "issuer", f.sessionIssuerArn());
                g.name("is_mfa").bool("true".equals(f.mfaAuthenticated()));
                g.endObject();
            }
            if (f.userArn() != null || f.userName() != null) {
                g.name("user").startObject();
                if (f.userAccountId() != null) {
                    g.name("account").startObject();
                    g.name("type").string("AWS Account");
                    g.name("type_id").number(AWS_ACCOUNT);
                    g.name("uid").string(f.userAccountId());
                    g.endObject();
                }
                optional(g, "credential_uid", f.accessKeyId());
                optional(g, "name", f.userName());
                optional(g, "type", f.userType());
                optional(g, "uid", f.userArn());
                optional(g, "uid_alt", f.principalId());
                g.endObject();
            }
            g.endObject();
        }
        if (f.eventName() != null) {
            g.name("api").startObject();
            g.name("operation").string(f.eventName());
            if (f.requestId() != null) {
                g.name("request").startObject().name("uid").string(f.requestId()).endObject();
            }
            if (f.errorCode() != null) {
                g.name("response").startObject();
                g.name("error").string(f.errorCode());
                optional(g, "message", f.errorMessage());
                g.endObject();
            }
            if (f.eventSource() != null) {
                g.name("service").startObject().name("name").string(f.eventSource()).endObject();
            }
            g.endObject();
        }
        if (f.userAgent() != null) {
            g.name("http_request").startObject().name("user_agent").string(f.userAgent()).endObject();
        }
        if (f.sourceIp() != null) {
            g.name("src_endpoint").startObject();
            g.name(JsonFields.isIpAddress(f.sourceIp()) ? "ip" : "domain").string(f.sourceIp());
            g.endObject();
        }
        g.endObject().endArray();
    }

    private static void findingInfo(JsonBytes g, Alert a, AlertContext c, StatefulContext state, long timeMillis) {
        g.name("finding_info").startObject();
        g.name("analytic").startObject();
        g.name("name").string(a.rule());
        g.name("type").string("Rule");
        g.name("type_id").number(1);
        g.name("uid").string(RuleFacts.of(a).ruleId);
        g.endObject();
        List<MitreTags.Tactic> tactics = RuleFacts.of(a).tactics;
        List<String> techniques = RuleFacts.of(a).techniques;
        if (!tactics.isEmpty() || !techniques.isEmpty()) {
            // One attack per technique, with the rule's first tactic; a rule tagged with tactics only, one per tactic.
            g.name("attacks").startArray();
            if (techniques.isEmpty()) {
                for (MitreTags.Tactic t : tactics) {
                    g.startObject();
                    tactic(g, t);
                    g.endObject();
                }
            }
            for (String t : techniques) {
                g.startObject();
                int dot = t.indexOf('.');
                if (dot >= 0) {
                    g.name("sub_technique").startObject().name("uid").string(t).endObject();
                }
                if (!tactics.isEmpty()) {
                    tactic(g, tactics.get(0));
                }
                g.name("technique").startObject().name("uid").string(dot < 0 ? t : t.substring(0, dot)).endObject();
                g.endObject();
            }
            g.endArray();
        }
        g.name("created_time").number(timeMillis);
        g.name("desc").string(a.output());
        if (state != null) {
            g.name("first_seen_time").number(Math.floorDiv(state.windowStartNanos(), 1_000_000L));
            g.name("last_seen_time").number(Math.floorDiv(state.windowEndNanos(), 1_000_000L));
        }
        g.name("title").string(a.rule());
        JsonFields.strings(g, "types", RuleFacts.of(a).tags);
        g.name("uid").string(c.alertId(a));
        g.endObject();
    }

    private static void tactic(JsonBytes g, MitreTags.Tactic t) {
        g.name("tactic").startObject().name("name").string(t.name).name("uid").string(t.id).endObject();
    }

    private static void metadata(JsonBytes g, Alert a, AlertContext c) {
        g.name("metadata").startObject();
        JsonFields.strings(g, "labels", RuleFacts.of(a).tags);
        g.name("log_name").string("trailhawk-alerts");
        g.name("product").startObject();
        g.name("name").string("Trailhawk");
        g.name("vendor_name").string("Trailhawk");
        if (c.rulesetVersion() != null) {
            g.name("version").string(Long.toString(c.rulesetVersion()));
        }
        g.endObject();
        JsonFields.strings(g, "profiles", List.of("cloud"));
        optional(g, "uid", a.eventId());
        g.name("version").string(OCSF_VERSION);
        g.endObject();
    }
}
