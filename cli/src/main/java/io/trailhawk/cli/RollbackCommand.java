package io.trailhawk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhawk.control.ControlRecord.Action;
import io.trailhawk.control.DocumentKind;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.control.StatusRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code trailhawk rollback VERSION}: makes a version the job keeps active again. It sends one signed rollback
 * record naming the version's file hashes, which the job applies all at once (or refuses, saying why: not kept,
 * or no longer compiling with the job's bootstrap files), then pushes every document the rollback gave another
 * text as an ordinary signed put or delete, so that the control topic says what the job runs and a job started
 * from it without state runs the same. Exit 0 once all are active, 1 otherwise.
 */
final class RollbackCommand {
    static final String USAGE = "trailhawk rollback VERSION --bootstrap-servers HOST:PORT [--topic TOPIC] "
            + "[--status-topic TOPIC] [--signing-key SECRET | --private-key FILE] [--key-id ID] "
            + "[--command-config FILE] [--timeout SECONDS]";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RollbackCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("bootstrap-servers", "topic", "status-topic", "signing-key",
                "private-key", "key-id", "command-config", "timeout"), Set.of());
        if (args.positional().size() != 1 || !args.positional().get(0).matches("[0-9]{1,18}")) {
            throw new UsageException("rollback takes one VERSION, a number `trailhawk history` lists");
        }
        long version = Long.parseLong(args.positional().get(0));
        String bootstrap = PushCommand.bootstrapServers(args);
        Duration timeout = PushCommand.timeout(args);
        try {
            Optional<StatusRecord> latest = HistoryCommand.latest(args);
            JsonNode target = latest.flatMap(s -> s.history().stream()
                    .filter(v -> v.path("version").asLong() == version).findFirst()).orElse(null);
            if (target == null) {
                err.println("trailhawk rollback: version " + version + " is not among the versions the job keeps"
                        + latest.map(s -> " (" + kept(s) + ")").orElse(": the status topic holds no history"));
                return 1;
            }
            ObjectNode request = MAPPER.createObjectNode();
            request.set("file_sha256", target.path("file_sha256"));
            try (RulePublisher publisher = PushCommand.publisher(args, bootstrap)) {
                StatusRecord s = publisher.publish(DocumentKind.ROLLBACK, Action.PUT, Long.toString(version),
                        request.toString().getBytes(StandardCharsets.UTF_8), timeout);
                int status = PushCommand.report("rollback to version " + version, s, out);
                if (status != 0) {
                    return status;
                }
                for (JsonNode r : s.restored()) {
                    String key = r.path("file").asText();
                    DocumentKind kind = DocumentKind.ofKey(key);
                    Action action = Action.ofHeader(r.path("action").asText());
                    if (action == null || action.carriesContent() && !r.path("content").isTextual()) {
                        // The job restored it; only the control topic does not say so yet.
                        err.println("trailhawk rollback: " + key + " was restored, but its text was too large for "
                                + "the status record: push it from your copy, so the control topic says the same");
                        status = 1;
                        continue;
                    }
                    byte[] content = action.carriesContent()
                            ? r.path("content").asText().getBytes(StandardCharsets.UTF_8) : null;
                    status = Math.max(status, PushCommand.report(key, publisher.publish(kind, action,
                            kind.nameOf(key), content, timeout), out));
                }
                return status;
            }
        } catch (IOException | IllegalStateException | TimeoutException e) {
            err.println("trailhawk rollback: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String kept(StatusRecord s) {
        List<JsonNode> h = s.history();
        return h.isEmpty() ? "none" : h.get(h.size() - 1).path("version").asLong() + " to "
                + h.get(0).path("version").asLong();
    }
}
