package io.trailhawk.job.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;

/**
 * The last activated ruleset versions, in broadcast state, so that they survive restarts and rescaling. Each
 * version is kept as JSON under {@code version/NUMBER}: when and by what it was activated, the hashes of its
 * effective files, and its control documents (hash, shadow, signer). Each document's text is kept once, under
 * {@code text/SHA256}, for as long as a kept version names it, so that a rollback needs nothing from outside.
 */
final class RulesetHistory {
    static final MapStateDescriptor<String, String> HISTORY = new MapStateDescriptor<>("ruleset-history",
            BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.STRING_TYPE_INFO);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VERSION_PREFIX = "version/";
    private static final String TEXT_PREFIX = "text/";

    private RulesetHistory() {
    }

    /** Keeps {@code version}, activated by {@code trigger} from {@code files}, and forgets all but the last {@code keep}. */
    static void record(BroadcastState<String, String> history, long version, Instant time, RuleFileUpdate trigger,
            Iterable<Map.Entry<String, RuleFileState>> files, RulesetBuilder.Outcome o, int keep) throws Exception {
        ObjectNode v = MAPPER.createObjectNode();
        v.put("version", version);
        v.put("time", time.toString());
        v.put("sha256", o.sha256);
        v.set("trigger", RulesetStatus.trigger(trigger));
        ObjectNode hashes = v.putObject("file_sha256");
        o.fileSha256.forEach(hashes::put);
        ObjectNode docs = v.putObject("documents");
        for (Map.Entry<String, RuleFileState> e : files) {
            RuleFileState s = e.getValue();
            if (s.sequenceOnly) {
                continue;
            }
            ObjectNode d = docs.putObject(e.getKey());
            if (s.yaml == null) {
                d.putNull("sha256");
            } else {
                String sha = RulesetBuilder.sha256(s.yaml);
                d.put("sha256", sha);
                history.put(TEXT_PREFIX + sha, s.yaml);
            }
            d.put("shadow", s.shadow);
            d.put("key_id", s.keyId);
            d.put("sequence", s.sequence);
        }
        history.put(versionKey(version), v.toString());
        forgetBefore(history, version - keep + 1);
    }

    /** Keeps the ruleset a job starts with as its first version, when nothing is kept yet. */
    static void recordStart(OperatorStateStore store, long version, RulesetBuilder.Outcome o, int keep)
            throws Exception {
        BroadcastState<String, String> history = store.getBroadcastState(HISTORY);
        if (!history.entries().iterator().hasNext()) {
            record(history, version, Instant.now(), RuleFileUpdate.started(),
                    store.getBroadcastState(RuleFiles.FILES).entries(), o, keep);
        }
    }

    private static void forgetBefore(BroadcastState<String, String> history, long oldestKept) throws Exception {
        List<String> gone = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Map.Entry<String, String> e : history.entries()) {
            if (!e.getKey().startsWith(VERSION_PREFIX)) {
                continue;
            }
            if (Long.parseLong(e.getKey().substring(VERSION_PREFIX.length())) < oldestKept) {
                gone.add(e.getKey());
            } else {
                MAPPER.readTree(e.getValue()).path("documents").forEach(d -> {
                    if (d.hasNonNull("sha256")) {
                        named.add(TEXT_PREFIX + d.get("sha256").asText());
                    }
                });
            }
        }
        for (Map.Entry<String, String> e : history.entries()) {
            if (e.getKey().startsWith(TEXT_PREFIX) && !named.contains(e.getKey())) {
                gone.add(e.getKey());
            }
        }
        for (String key : gone) {
            history.remove(key);
        }
    }

    /** The kept versions, newest first. */
    static List<JsonNode> versions(ReadOnlyBroadcastState<String, String> history) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Map.Entry<String, String> e : history.immutableEntries()) {
            if (e.getKey().startsWith(VERSION_PREFIX)) {
                out.add(MAPPER.readTree(e.getValue()));
            }
        }
        out.sort((a, b) -> Long.compare(b.path("version").asLong(), a.path("version").asLong()));
        return out;
    }

    /** Version {@code number} as kept, or null when it is not. */
    static JsonNode version(ReadOnlyBroadcastState<String, String> history, long number) throws Exception {
        String v = history.get(versionKey(number));
        return v == null ? null : MAPPER.readTree(v);
    }

    /** The text a kept version's document had, by its hash; null when it is not kept. */
    static String text(ReadOnlyBroadcastState<String, String> history, String sha256) throws Exception {
        return history.get(TEXT_PREFIX + sha256);
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String versionKey(long version) {
        return VERSION_PREFIX + String.format("%019d", version);
    }
}
