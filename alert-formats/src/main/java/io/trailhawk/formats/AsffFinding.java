package io.trailhawk.formats;

import static io.trailhawk.formats.JsonFields.clip;
import static io.trailhawk.formats.JsonFields.optional;

import io.trailhawk.rules.event.EventTime;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.EventFacts;
import io.trailhawk.rules.output.JsonBytes;
import io.trailhawk.rules.output.StatefulContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS Security Finding Format, {@code SchemaVersion} 2018-10-08, one finding as BatchImportFindings takes it: every
 * attribute it requires, with Severity and Types also under {@code FindingProviderFields}. {@code Resources} are
 * the caller (an IAM user, a role, the account for root) and its access key, then the resources CloudTrail's
 * {@code resources} names, at most 32; docs/outputs.md gives the mapping.
 */
final class AsffFinding implements AlertFormat {
    static final String SCHEMA_VERSION = "2018-10-08";
    /** An account id where the alert has none: Security Hub refuses it, so the gap is visible there. */
    private static final String NO_ACCOUNT = "000000000000";
    private static final int MAX_RESOURCES = 32;
    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("[0-9]{12}");
    /** ATT&CK tactics that ASFF's TTPs namespace has a category for. */
    private static final Set<String> TTP_CATEGORIES = Set.of("Initial Access", "Execution", "Persistence",
            "Privilege Escalation", "Defense Evasion", "Credential Access", "Discovery", "Lateral Movement",
            "Collection", "Command and Control");
    /** CloudTrail's resource types with an ASFF type of their own; others are {@code Other}. */
    private static final Map<String, String> RESOURCE_TYPES = Map.of("AWS::S3::Bucket", "AwsS3Bucket",
            "AWS::EC2::Instance", "AwsEc2Instance", "AWS::Lambda::Function", "AwsLambdaFunction",
            "AWS::IAM::User", "AwsIamUser", "AWS::IAM::Role", "AwsIamRole", "AWS::IAM::AccessKey", "AwsIamAccessKey",
            "AWS::KMS::Key", "AwsKmsKey", "AWS::SecretsManager::Secret", "AwsSecretsManagerSecret");

    private final FormatSettings settings;

    AsffFinding(FormatSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return AlertFormats.ASFF;
    }

    @Override
    public byte[] render(Alert a, AlertContext c) {
        EventFacts f = a.facts();
        String account = a.accountId() != null && ACCOUNT_ID.matcher(a.accountId()).matches() ? a.accountId()
                : NO_ACCOUNT;
        String region = a.region() == null ? "us-east-1" : a.region();
        String ruleId = RuleFacts.of(a).ruleId;
        String time = EventTime.utcTimestamp(a.timeNanos());
        List<String> types = types(a);
        JsonBytes g = JsonBytes.ofThread();
        g.startObject();
        g.name("AwsAccountId").string(account);
        g.name("CompanyName").string("Trailhawk");
        g.name("CreatedAt").string(time);
        g.name("Description").string(clip(a.output(), 1024));
        g.name("FindingProviderFields").startObject();
        severity(g, a);
        JsonFields.strings(g, "Types", types);
        g.endObject();
        g.name("GeneratorId").string(clip(settings.generatorId(region, account, ruleId), 512));
        g.name("Id").string(region + "/" + account + "/trailhawk/" + c.alertId(a));
        g.name("ProductArn").string(settings.productArn(region, account, ruleId));
        g.name("ProductFields").startObject();
        optional(g, "trailhawk/account_name", clip(c.account().name(), 2048));
        optional(g, "trailhawk/cloudtrail_event_id", a.eventId());
        optional(g, "trailhawk/event_name", f.eventName());
        optional(g, "trailhawk/event_source", f.eventSource());
        g.name("trailhawk/rule").string(clip(a.rule(), 2048));
        if (c.rulesetVersion() != null) {
            g.name("trailhawk/ruleset_version").string(Long.toString(c.rulesetVersion()));
        }
        StatefulContext state = a.stateful().orElse(null);
        if (state != null) {
            g.name("trailhawk/stateful_count").string(Long.toString(state.count()));
            g.name("trailhawk/stateful_kind").string(state.kind());
        }
        optional(g, "trailhawk/source_ip", f.sourceIp());
        optional(g, "trailhawk/user_agent", clip(f.userAgent(), 2048));
        g.endObject();
        g.name("ProductName").string("Trailhawk");
        g.name("Region").string(region);
        resources(g, a, f, account, region);
        g.name("SchemaVersion").string(SCHEMA_VERSION);
        severity(g, a);
        g.name("Title").string(clip(a.rule(), 256));
        JsonFields.strings(g, "Types", types);
        g.name("UpdatedAt").string(time);
        g.endObject();
        return g.done();
    }

    private static void severity(JsonBytes g, Alert a) {
        g.name("Severity").startObject();
        g.name("Label").string(Severity.asffLabel(a.priority()));
        g.name("Original").string(a.priority().longName());
        g.endObject();
    }

    /** {@code TTPs/TACTIC} for each tactic ASFF has, else {@code Unusual Behaviors/User}. */
    private static List<String> types(Alert a) {
        Set<String> out = new LinkedHashSet<>();
        for (MitreTags.Tactic t : RuleFacts.of(a).tactics) {
            if (TTP_CATEGORIES.contains(t.name)) {
                out.add("TTPs/" + t.name);
            } else if (t.name.equals("Exfiltration")) {
                out.add("Effects/Data Exfiltration");
            }
        }
        if (out.isEmpty()) {
            out.add("Unusual Behaviors/User");
        }
        return new ArrayList<>(out);
    }

    private static void resources(JsonBytes g, Alert a, EventFacts f, String account, String region) {
        g.name("Resources").startArray();
        int n = 0;
        String type = f.userType();
        if ("IAMUser".equals(type) && f.userArn() != null) {
            n += resource(g, "AwsIamUser", f.userArn(), region);
        } else if ("AssumedRole".equals(type) && f.sessionIssuerArn() != null) {
            n += resource(g, "AwsIamRole", f.sessionIssuerArn(), region);
        } else if ("Root".equals(type)) {
            n += resource(g, "AwsAccount", "AWS::::Account:" + account, region);
        } else if (f.userArn() != null) {
            n += resource(g, "Other", f.userArn(), region);
        }
        if (f.accessKeyId() != null) {
            n += resource(g, "AwsIamAccessKey", f.accessKeyId(), region);
        }
        for (EventFacts.Resource r : f.resources()) {
            if (n >= MAX_RESOURCES) {
                break;
            }
            n += resource(g, r.type == null ? "Other" : RESOURCE_TYPES.getOrDefault(r.type, "Other"), r.arn, region);
        }
        if (n == 0) {
            resource(g, "AwsAccount", "AWS::::Account:" + account, region);
        }
        g.endArray();
    }

    private static int resource(JsonBytes g, String type, String id, String region) {
        g.startObject();
        g.name("Id").string(id);
        g.name("Partition").string(partition(region));
        g.name("Region").string(region);
        g.name("Type").string(type);
        g.endObject();
        return 1;
    }

    private static String partition(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
