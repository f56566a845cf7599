package io.trailhawk.cli;

import io.trailhawk.control.ControlTopics;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.control.SigningKey;
import io.trailhawk.control.TrustedKeys;
import io.trailhawk.control.StatusRecord;
import io.trailhawk.rules.load.RulesFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code trailhawk push}: publishes rule files (or deletes one) on a control topic and waits for the job's status
 * record for each. Exit 0 when every update was activated, 1 otherwise.
 */
final class PushCommand {
    static final String USAGE = "trailhawk push --bootstrap-servers HOST:PORT [--topic TOPIC] [--status-topic TOPIC] "
            + "[--rules PATH]... [--delete NAME] [--signing-key SECRET | --private-key FILE] [--key-id ID] "
            + "[--command-config FILE] [--timeout SECONDS]";

    private PushCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("bootstrap-servers", "topic", "status-topic", "rules", "delete",
                "signing-key", "private-key", "key-id", "command-config", "timeout"), Set.of());
        String bootstrap = args.last("bootstrap-servers", null);
        if (bootstrap == null) {
            throw new UsageException("push needs --bootstrap-servers HOST:PORT");
        }
        String delete = args.last("delete", null);
        if (delete != null && !args.all("rules").isEmpty()) {
            throw new UsageException("give --rules or --delete, not both");
        }
        Duration timeout;
        try {
            timeout = Duration.ofSeconds(Long.parseLong(args.last("timeout", "30")));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes a number of seconds");
        }
        Properties client = new Properties();
        try {
            SigningKey key = signingKey(args);
            client.putAll(KafkaClientOption.load(args));
            try (RulePublisher publisher = new RulePublisher(bootstrap, client,
                    args.last("topic", ControlTopics.RULES), args.last("status-topic", ControlTopics.STATUS), key)) {
                if (delete != null) {
                    return report(delete, publisher.publish(delete, null, timeout), out);
                }
                int status = 0;
                for (RulesFile f : RulesFile.readAll(RulesOption.paths(args))) {
                    String name = Path.of(f.name()).getFileName().toString();
                    status = Math.max(status, report(name, publisher.publish(name, f.content(), timeout), out));
                }
                return status;
            }
        } catch (IOException | IllegalStateException | TimeoutException e) {
            err.println("trailhawk push: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The key to sign with: {@code --private-key} (ECDSA), else {@code --signing-key} (HMAC), else none. */
    private static SigningKey signingKey(Arguments args) throws UsageException, IOException {
        String pem = args.last("private-key", null);
        String secret = args.last("signing-key", null);
        if (pem != null && secret != null) {
            throw new UsageException("give --signing-key or --private-key, not both");
        }
        if (pem == null && secret == null) {
            pem = System.getenv("TRAILHAWK_PRIVATE_KEY");
            secret = System.getenv("TRAILHAWK_SIGNING_KEY");
            if (pem != null && secret != null) {
                throw new UsageException("TRAILHAWK_PRIVATE_KEY and TRAILHAWK_SIGNING_KEY are both set: unset one, "
                        + "or give --private-key or --signing-key");
            }
        }
        String id = args.last("key-id", null);
        if (pem != null) {
            return SigningKey.ecdsa(id, Path.of(pem));
        }
        return secret == null ? null : SigningKey.hmac(id == null ? TrustedKeys.DEFAULT_ID : id, secret);
    }

    private static int report(String name, StatusRecord s, PrintStream out) {
        out.println(name + ": " + s.summary());
        for (String e : s.errors()) {
            out.println("  " + e);
        }
        s.changeLines().forEach(c -> out.println("  " + c));
        return s.activated() ? 0 : 1;
    }
}
