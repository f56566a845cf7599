package io.trailhawk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.control.ControlTopics;
import io.trailhawk.control.DocumentKind;
import io.trailhawk.control.StatusHistory;
import io.trailhawk.control.StatusRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * {@code trailhawk history}: the ruleset versions the job keeps, newest first, as its latest status record reports
 * them: one line per version with its time, the update that activated it, who signed it and its hash, then with
 * {@code --files} each file's hash and signer. Exit 0, or 1 when the status topic holds no history yet.
 */
final class HistoryCommand {
    static final String USAGE = "trailhawk history --bootstrap-servers HOST:PORT [--status-topic TOPIC] [--files] "
            + "[--json] [--command-config FILE] [--timeout SECONDS]";

    private HistoryCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("bootstrap-servers", "status-topic", "command-config",
                "timeout"), Set.of("files", "json"));
        try {
            Optional<StatusRecord> latest = latest(args);
            if (latest.isEmpty()) {
                err.println("trailhawk history: the status topic holds no history: is the job running this release?");
                return 1;
            }
            for (JsonNode v : latest.get().history()) {
                if (args.flag("json")) {
                    out.println(v);
                    continue;
                }
                out.println(line(v, latest.get().version()));
                if (args.flag("files")) {
                    v.path("file_sha256").fields().forEachRemaining(f -> {
                        JsonNode doc = v.path("documents").path(f.getKey());
                        out.println("    " + f.getValue().asText().substring(0, 12) + "  " + f.getKey()
                                + (doc.isMissingNode() ? "  (bootstrap)" : signer(doc.path("key_id")))
                                + (doc.path("shadow").asBoolean() ? "  (shadow)" : ""));
                    });
                }
            }
            return 0;
        } catch (IOException | IllegalStateException e) {
            err.println("trailhawk history: " + e.getMessage());
            return 1;
        }
    }

    static Optional<StatusRecord> latest(Arguments args) throws UsageException, IOException {
        Properties client = new Properties();
        client.putAll(KafkaClientOption.load(args));
        return StatusHistory.latest(PushCommand.bootstrapServers(args), client,
                args.last("status-topic", ControlTopics.STATUS), PushCommand.timeout(args));
    }

    /** {@code VERSION  TIME  ACTION FILE  signed by KEY  sha256 PREFIX}, with {@code (active)} for the active one. */
    private static String line(JsonNode v, long active) {
        JsonNode t = v.path("trigger");
        String what = what(t);
        return String.format("%6d  %s  %s%s  sha256 %s%s", v.path("version").asLong(), v.path("time").asText(), what,
                signer(t.path("key_id")), v.path("sha256").asText().substring(0, 12),
                v.path("version").asLong() == active ? "  (active)" : "");
    }

    /** The update behind a version, for people: {@code put a.yaml}, {@code promote RULE}, {@code rollback to 4}. */
    private static String what(JsonNode trigger) {
        String action = trigger.path("action").asText();
        if (action.equals("start")) {
            return "start";
        }
        String file = trigger.path("file").asText();
        DocumentKind kind = DocumentKind.ofKey(file);
        String name = kind.nameOf(file);
        switch (kind) {
            case SELECTION:
                return "selection " + action + " " + name;
            case PROMOTION:
                return (action.equals("delete") ? "demote " : "promote ") + name;
            case ROLLBACK:
                return "rollback to " + name;
            default:
                return action + " " + name;
        }
    }

    private static String signer(JsonNode keyId) {
        return keyId.isTextual() ? "  signed by " + keyId.asText() : "";
    }
}
