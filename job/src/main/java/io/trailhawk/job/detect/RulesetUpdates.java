package io.trailhawk.job.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.control.DocumentKind;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * What one control update does to an operator's broadcast state, the same for both operators: it is refused
 * (stale, unauthentic or, for a rollback, not in the history), rejected (its ruleset does not compile), changes
 * nothing, or activates a new version, which the history keeps. The operators act on the {@link Step}.
 */
final class RulesetUpdates {
    private RulesetUpdates() {
    }

    enum Result {
        REFUSED, REJECTED, UNCHANGED, ACTIVATED
    }

    /** A document a rollback gave another text: what a push must write for the control topic to say the same. */
    static final class Restored {
        final String key;
        /** Null for a delete or a reset. */
        final String text;
        final boolean shadow;
        /** True when the bootstrap file of this name applies again, as it did in the version restored. */
        final boolean reset;

        Restored(String key, String text, boolean shadow, boolean reset) {
            this.key = key;
            this.text = text;
            this.shadow = shadow;
            this.reset = reset;
        }

        String action() {
            return reset ? "reset" : text == null ? "delete" : shadow ? "shadow" : "put";
        }
    }

    /** The state's answer to one update. */
    static final class Step {
        final Result result;
        /** The update, refused with a reason when {@link #result} is {@link Result#REFUSED}. */
        final RuleFileUpdate update;
        /** The ruleset built; null when refused. */
        final RulesetBuilder.Outcome outcome;
        final long version;
        final List<Restored> restored;

        Step(Result result, RuleFileUpdate update, RulesetBuilder.Outcome outcome, long version,
                List<Restored> restored) {
            this.result = result;
            this.update = update;
            this.outcome = outcome;
            this.version = version;
            this.restored = Collections.unmodifiableList(restored);
        }
    }

    /** The operator's state, and what it runs. */
    static final class Target {
        final BroadcastState<String, RuleFileState> files;
        final BroadcastState<String, Long> meta;
        final BroadcastState<String, String> history;
        final RulesetBuilder builder;
        final String host;
        final int keep;

        Target(BroadcastState<String, RuleFileState> files, BroadcastState<String, Long> meta,
                BroadcastState<String, String> history, RulesetBuilder builder, String host, int keep) {
            this.files = files;
            this.meta = meta;
            this.history = history;
            this.builder = builder;
            this.host = host;
            this.keep = keep;
        }
    }

    static Step apply(Target t, RuleFileUpdate update, RulesetBuilder.Outcome active, long activeVersion,
            Instant now) throws Exception {
        String stale = update.rejection == null ? RuleFiles.staleness(t.files, update) : null;
        if (stale != null) {
            update = update.refused(stale);
        }
        if (update.rejection != null) {
            return new Step(Result.REFUSED, update, null, activeVersion, List.of());
        }
        if (update.kind() == DocumentKind.ROLLBACK) {
            return rollback(t, update, activeVersion, now);
        }
        String replacesLive = RuleFiles.shadowReplacesLive(t.files, update, t.builder);
        if (replacesLive != null) {
            RuleFiles.rememberRefused(t.files, update);
            return new Step(Result.REFUSED, update.refused(replacesLive), null, activeVersion, List.of());
        }
        if (RuleFiles.unchanged(t.files, update, t.builder)) {
            RuleFiles.commitUnchanged(t.files, update, activeVersion);
            return new Step(Result.UNCHANGED, update, active, activeVersion, List.of());
        }
        RulesetBuilder.Outcome o = RuleFiles.tryUpdate(t.files, update, t.builder, t.host, active);
        if (!o.activated()) {
            RuleFiles.rememberRefused(t.files, update);
            return new Step(Result.REJECTED, update, o, activeVersion, List.of());
        }
        long version = activeVersion + 1;
        RuleFiles.commit(t.files, t.meta, update, version);
        RulesetHistory.record(t.history, version, now, update, t.files.entries(), o, t.keep);
        return new Step(Result.ACTIVATED, update, o, version, List.of());
    }

    /**
     * Puts back the documents of a kept version, all at once, and compiles them with today's bootstrap files. The
     * record's value names the version's file hashes, as the status topic reported them, so that a rollback meant
     * for another job's history, or replayed into a new one, cannot restore the wrong files.
     */
    private static Step rollback(Target t, RuleFileUpdate update, long activeVersion, Instant now) throws Exception {
        long wanted;
        try {
            wanted = Long.parseLong(DocumentKind.ROLLBACK.nameOf(update.name));
        } catch (NumberFormatException e) {
            return new Step(Result.REFUSED, update.refused("no ruleset version is " + update.name), null,
                    activeVersion, List.of());
        }
        JsonNode entry = RulesetHistory.version(t.history, wanted);
        String problem = entry == null ? "version " + wanted + " is not among the versions this job keeps ("
                + keptRange(t.history) + ")" : mismatch(entry, RulesetHistory.parse(update.yaml));
        Map<String, RuleFileState> target = new LinkedHashMap<>();
        if (problem == null) {
            problem = documents(t.history, entry, target);
        }
        if (problem != null) {
            RuleFiles.rememberRefused(t.files, update);
            return new Step(Result.REFUSED, update.refused(problem), null, activeVersion, List.of());
        }
        RuleFiles.Overlay overlay = new RuleFiles.Overlay();
        target.forEach((key, s) -> overlay.set(key, s.yaml, s.shadow));
        RulesetBuilder.Outcome o = overlay.build(t.builder, t.host);
        if (!o.activated()) {
            RuleFiles.rememberRefused(t.files, update);
            List<Issue> issues = new ArrayList<>();
            issues.add(Issue.error(SourceLocation.of(update.name, 1, 1), null, "version " + wanted + " no longer "
                    + "compiles with this job's bootstrap files; nothing was rolled back"));
            issues.addAll(o.issues);
            return new Step(Result.REJECTED, update, new RulesetBuilder.Outcome(null, issues, o.files, o.sha256,
                    o.fileSha256), activeVersion, List.of());
        }
        List<Restored> restored = restored(t, target);
        long version = activeVersion + 1;
        RuleFiles.commitAll(t.files, t.meta, target, version);
        RuleFiles.rememberRefused(t.files, update);
        RulesetHistory.record(t.history, version, now, update, t.files.entries(), o, t.keep);
        return new Step(Result.ACTIVATED, update, o, version, restored);
    }

    private static String keptRange(ReadOnlyBroadcastState<String, String> history) throws Exception {
        List<JsonNode> kept = RulesetHistory.versions(history);
        return kept.isEmpty() ? "none yet" : kept.get(kept.size() - 1).path("version").asLong() + " to "
                + kept.get(0).path("version").asLong();
    }

    private static String mismatch(JsonNode entry, JsonNode request) {
        if (request == null || !request.path("file_sha256").isObject()) {
            return "a rollback's value is {\"file_sha256\": {FILE: SHA256, ...}}, the version's hashes as the status "
                    + "topic reported them";
        }
        JsonNode kept = entry.path("file_sha256");
        TreeSet<String> names = new TreeSet<>();
        kept.fieldNames().forEachRemaining(names::add);
        request.path("file_sha256").fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!Objects.equals(kept.path(name).asText(null), request.path("file_sha256").path(name).asText(null))) {
                return "version " + entry.path("version").asLong() + " as this job keeps it is not the version the "
                        + "rollback names: " + name + " differs";
            }
        }
        return null;
    }

    /** Fills {@code into} with the version's documents; null, or the reason one cannot be restored. */
    private static String documents(ReadOnlyBroadcastState<String, String> history, JsonNode entry,
            Map<String, RuleFileState> into) throws Exception {
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("documents").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> d = it.next();
            String text = null;
            if (d.getValue().hasNonNull("sha256")) {
                text = RulesetHistory.text(history, d.getValue().get("sha256").asText());
                if (text == null) {
                    return "the text of " + d.getKey() + " in that version is no longer kept";
                }
            }
            RuleFileState s = new RuleFileState(text, 0, d.getValue().path("sequence").asLong());
            s.shadow = d.getValue().path("shadow").asBoolean();
            s.keyId = d.getValue().path("key_id").asText(null);
            into.put(d.getKey(), s);
        }
        return null;
    }

    /** The documents whose effective text or shadow the rollback changes, as they will be. */
    private static List<Restored> restored(Target t, Map<String, RuleFileState> target) throws Exception {
        TreeSet<String> keys = new TreeSet<>(target.keySet());
        for (Map.Entry<String, RuleFileState> e : t.files.immutableEntries()) {
            if (!e.getValue().sequenceOnly) {
                keys.add(e.getKey());
            }
        }
        List<Restored> out = new ArrayList<>();
        for (String key : keys) {
            RuleFiles.Current now = RuleFiles.Current.of(t.files, key, t.builder);
            RuleFileState then = target.get(key);
            String after = then != null ? then.yaml : t.builder.bootstrapText(key);
            boolean shadowAfter = then != null && then.shadow;
            boolean reset = then == null && now.recorded && after != null;
            if (!Objects.equals(now.text, after) || now.shadow != shadowAfter || reset) {
                out.add(new Restored(key, reset ? null : after, shadowAfter, reset));
            }
        }
        return out;
    }
}
