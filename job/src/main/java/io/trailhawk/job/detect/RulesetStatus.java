package io.trailhawk.job.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.rules.diag.Issue;
import java.time.Instant;
import java.util.List;

/**
 * The status record written for each activation and each rejection (key {@code ruleset}):
 * {@code {"status","version","sha256","files","rules","lists","macros","errors","warnings","time","trigger"}}.
 */
public final class RulesetStatus {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RulesetStatus() {
    }

    public static String activated(long version, RulesetBuilder.Outcome o, RuleFileUpdate trigger, Instant now) {
        return activation(version, o, trigger, now).toString();
    }

    /** The ruleset a job starts with: the bootstrap rules, or with {@code restored}, those of its checkpoint. */
    public static String started(long version, RulesetBuilder.Outcome o, boolean restored, Instant now) {
        ObjectNode s = activation(version, o, RuleFileUpdate.started(), now);
        ((ObjectNode) s.get("trigger")).put("restored", restored);
        return s.toString();
    }

    private static ObjectNode activation(long version, RulesetBuilder.Outcome o, RuleFileUpdate trigger, Instant now) {
        ObjectNode s = base("activated", version, o.sha256, o.files, trigger, now);
        s.put("rules", o.ruleset.ruleCount());
        s.put("active_rules", o.ruleset.activeRuleCount());
        s.put("lists", o.ruleset.listCount());
        s.put("macros", o.ruleset.macroCount());
        issues(s.putArray("errors"), List.of());
        issues(s.putArray("warnings"), o.issues);
        return s;
    }

    public static String rejected(long activeVersion, RulesetBuilder.Outcome o, RuleFileUpdate trigger,
            Instant now) {
        ObjectNode s = base("rejected", activeVersion, o.sha256, o.files, trigger, now);
        issues(s.putArray("errors"), o.issues.stream().filter(Issue::isError).collect(java.util.stream.Collectors.toList()));
        issues(s.putArray("warnings"), o.issues.stream().filter(i -> !i.isError())
                .collect(java.util.stream.Collectors.toList()));
        return s.toString();
    }

    /** A rejection before compiling, such as a missing or wrong signature. */
    public static String refused(long activeVersion, RuleFileUpdate trigger, Instant now) {
        ObjectNode s = base("rejected", activeVersion, null, List.of(), trigger, now);
        ObjectNode e = s.putArray("errors").addObject();
        e.put("file", trigger.name);
        e.put("line", 0);
        e.put("col", 0);
        e.put("message", trigger.rejection);
        s.putArray("warnings");
        return s.toString();
    }

    private static ObjectNode base(String status, long version, String sha, List<String> files,
            RuleFileUpdate trigger, Instant now) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("status", status);
        s.put("version", version);
        s.put("sha256", sha);
        ArrayNode f = s.putArray("files");
        files.forEach(f::add);
        s.put("time", now.toString());
        if (trigger != null) {
            ObjectNode t = s.putObject("trigger");
            t.put("file", trigger.name);
            t.put("action", trigger.start ? "start" : trigger.rejection != null ? "refused"
                    : trigger.isDelete() ? "delete" : "put");
            t.put("origin", trigger.origin);
            if (trigger.sequence != 0) {
                t.put("sequence", trigger.sequence);
            }
            if (trigger.keyId != null) {
                t.put("key_id", trigger.keyId);
            }
        }
        return s;
    }

    private static void issues(ArrayNode into, List<Issue> issues) {
        for (Issue i : issues) {
            ObjectNode o = into.addObject();
            o.put("file", i.location().file());
            o.put("line", i.location().line());
            o.put("col", i.location().col());
            o.put("message", i.describe());
            o.put("text", i.toString());
        }
    }
}
