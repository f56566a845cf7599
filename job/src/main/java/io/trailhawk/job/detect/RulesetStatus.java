package io.trailhawk.job.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.rules.diag.Issue;
import java.time.Instant;
import java.util.List;

/**
 * The status record written for each activation and each rejection (key {@code ruleset}):
 * {@code {"status","version","sha256","files","file_sha256","rules","lists","macros","errors","warnings","time",
 * "trigger"}}; for an activation also {@code "shadow_rules"} and {@code "history"} (the kept versions, newest
 * first), and after an update {@code "changes": {"added","removed","changed"}}: the rules' names, against the
 * ruleset that was active. An update that changed nothing is reported as an activation of the same version with
 * {@code "unchanged": true}; a rollback lists the documents it gave other texts under {@code "restored"}. The
 * format is in docs/control-protocol.md.
 */
public final class RulesetStatus {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RulesetStatus() {
    }

    /** An activation after an update, naming what it changed against the ruleset that was active. */
    public static String activated(long version, RulesetBuilder.Outcome o, RuleFileUpdate trigger, RuleChanges changes,
            Instant now) {
        return activated(version, o, trigger, changes, List.of(), List.of(), now);
    }

    static String activated(long version, RulesetBuilder.Outcome o, RuleFileUpdate trigger, RuleChanges changes,
            List<JsonNode> history, List<RulesetUpdates.Restored> restored, Instant now) {
        ObjectNode s = activation(version, o, trigger, now);
        ObjectNode c = s.putObject("changes");
        changes.added.forEach(c.putArray("added")::add);
        changes.removed.forEach(c.putArray("removed")::add);
        changes.changed.forEach(c.putArray("changed")::add);
        if (!restored.isEmpty()) {
            ArrayNode r = s.putArray("restored");
            for (RulesetUpdates.Restored d : restored) {
                ObjectNode e = r.addObject();
                e.put("file", d.key);
                e.put("action", d.action());
                e.put("content", d.text);
            }
        }
        history.forEach(s.putArray("history")::add);
        return fit(s);
    }

    /** An update that left the active ruleset as it was: the same text, or a delete of what was not there. */
    static String unchanged(long version, RulesetBuilder.Outcome o, RuleFileUpdate trigger, List<JsonNode> history,
            Instant now) {
        ObjectNode s = activation(version, o, trigger, now);
        s.put("unchanged", true);
        ObjectNode c = s.putObject("changes");
        c.putArray("added");
        c.putArray("removed");
        c.putArray("changed");
        history.forEach(s.putArray("history")::add);
        return fit(s);
    }

    /** The ruleset a job starts with: the bootstrap rules, or with {@code restored}, those of its checkpoint. */
    static String started(long version, RulesetBuilder.Outcome o, boolean restored, List<JsonNode> history,
            Instant now) {
        ObjectNode s = activation(version, o, RuleFileUpdate.started(), now);
        history.forEach(s.putArray("history")::add);
        ((ObjectNode) s.get("trigger")).put("restored", restored);
        return fit(s);
    }

    private static ObjectNode activation(long version, RulesetBuilder.Outcome o, RuleFileUpdate trigger, Instant now) {
        ObjectNode s = base("activated", version, o, trigger, now);
        s.put("rules", o.ruleset.ruleCount());
        s.put("active_rules", o.ruleset.activeRuleCount());
        s.put("lists", o.ruleset.listCount());
        s.put("macros", o.ruleset.macroCount());
        o.ruleset.shadowRules().forEach(s.putArray("shadow_rules")::add);
        s.put("accounts", o.accounts.size());
        issues(s.putArray("errors"), List.of());
        issues(s.putArray("warnings"), o.issues);
        return s;
    }

    public static String rejected(long activeVersion, RulesetBuilder.Outcome o, RuleFileUpdate trigger,
            Instant now) {
        ObjectNode s = base("rejected", activeVersion, o, trigger, now);
        issues(s.putArray("errors"), o.issues.stream().filter(Issue::isError).collect(java.util.stream.Collectors.toList()));
        issues(s.putArray("warnings"), o.issues.stream().filter(i -> !i.isError())
                .collect(java.util.stream.Collectors.toList()));
        return fit(s);
    }

    /** A rejection before compiling, such as a missing or wrong signature. */
    public static String refused(long activeVersion, RuleFileUpdate trigger, Instant now) {
        ObjectNode s = base("rejected", activeVersion, null, trigger, now);
        ObjectNode e = s.putArray("errors").addObject();
        e.put("file", trigger.name);
        e.put("line", 0);
        e.put("col", 0);
        e.put("message", trigger.rejection);
        s.putArray("warnings");
        return fit(s);
    }

    /** {@code o} is null for an update refused before it was compiled. */
    private static ObjectNode base(String status, long version, RulesetBuilder.Outcome o, RuleFileUpdate trigger,
            Instant now) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("status", status);
        s.put("version", version);
        s.put("sha256", o == null ? null : o.sha256);
        ArrayNode f = s.putArray("files");
        ObjectNode hashes = s.putObject("file_sha256");
        if (o != null) {
            o.files.forEach(f::add);
            o.fileSha256.forEach(hashes::put);
        }
        s.put("time", now.toString());
        if (trigger != null) {
            s.set("trigger", trigger(trigger));
        }
        return s;
    }

    /** What a status or a kept version says of the update behind it. */
    static ObjectNode trigger(RuleFileUpdate trigger) {
        ObjectNode t = MAPPER.createObjectNode();
        t.put("file", trigger.name);
        t.put("kind", trigger.kind().header());
        t.put("action", trigger.start ? "start" : trigger.rejection != null ? "refused"
                : trigger.reset ? "reset" : trigger.isDelete() ? "delete" : trigger.shadow ? "shadow" : "put");
        t.put("origin", trigger.origin);
        if (trigger.sequence != 0) {
            t.put("sequence", trigger.sequence);
        }
        if (trigger.keyId != null) {
            t.put("key_id", trigger.keyId);
        }
        return t;
    }

    /**
     * The record as text, made to fit {@link #MAX_CHARS}: a status the sink could not write would fail the job,
     * which would read the same control record again on restart. What goes first, each step marked in the record:
     * the history's documents, then its older versions, then the restored texts, then issues past the first 100.
     */
    static String fit(ObjectNode s) {
        String text = s.toString();
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        ArrayNode truncated = s.putArray("truncated");
        if (s.path("history").isArray()) {
            s.get("history").forEach(v -> ((ObjectNode) v).remove("documents"));
            truncated.add("history.documents");
            text = s.toString();
            ArrayNode history = (ArrayNode) s.get("history");
            if (text.length() > MAX_CHARS && history.size() > 1) {
                truncated.add("history.versions");
            }
            while (text.length() > MAX_CHARS && history.size() > 1) {
                history.remove(history.size() - 1);
                text = s.toString();
            }
        }
        if (text.length() > MAX_CHARS && s.path("restored").isArray()) {
            s.get("restored").forEach(r -> ((ObjectNode) r).putNull("content"));
            truncated.add("restored.content");
            text = s.toString();
        }
        for (String key : new String[] {"warnings", "errors"}) {
            if (text.length() > MAX_CHARS && s.path(key).size() > 100) {
                ArrayNode kept = MAPPER.createArrayNode();
                for (int i = 0; i < 100; i++) {
                    kept.add(s.get(key).get(i));
                }
                s.set(key, kept);
                truncated.add(key);
                text = s.toString();
            }
        }
        return text;
    }

    /** Well under the 1 MiB a Kafka producer and topic take by default, in characters of JSON. */
    static final int MAX_CHARS = 256 << 10;

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
