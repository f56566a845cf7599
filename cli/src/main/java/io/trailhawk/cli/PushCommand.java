package io.trailhawk.cli;

import io.trailhawk.control.ControlRecord.Action;
import io.trailhawk.control.ControlTopics;
import io.trailhawk.control.DocumentKind;
import io.trailhawk.control.RulePublisher;
import io.trailhawk.control.SigningKey;
import io.trailhawk.control.TrustedKeys;
import io.trailhawk.control.StatusRecord;
import io.trailhawk.rules.load.RulesFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * {@code trailhawk push}: publishes rule files (live, or in shadow with {@code --shadow}), selections and
 * promotions on a control topic, or deletes a document, and waits for the job's status record for each. Exit 0
 * when every update was activated (or changed nothing), 1 otherwise.
 */
final class PushCommand {
    static final String USAGE = "trailhawk push --bootstrap-servers HOST:PORT [--topic TOPIC] [--status-topic TOPIC] "
            + "[--rules PATH]... [--shadow] [--selection FILE]... [--accounts FILE]... [--promote RULE]... [--demote RULE]... "
            + "[--delete KEY] [--reset FILE] [--signing-key SECRET | --private-key FILE] [--key-id ID] [--command-config FILE] "
            + "[--timeout SECONDS]";

    private PushCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("bootstrap-servers", "topic", "status-topic", "rules", "delete", "reset",
                "selection", "accounts", "promote", "demote", "signing-key", "private-key", "key-id", "command-config",
                "timeout"), Set.of("shadow"));
        String bootstrap = bootstrapServers(args);
        String delete = args.last("delete", null);
        String reset = args.last("reset", null);
        if (reset != null && delete != null) {
            throw new UsageException("give --delete or --reset, not both");
        }
        boolean documents = !args.all("selection").isEmpty() || !args.all("accounts").isEmpty()
                || !args.all("promote").isEmpty()
                || !args.all("demote").isEmpty();
        if ((delete != null || reset != null) && (!args.all("rules").isEmpty() || documents)) {
            throw new UsageException("--delete and --reset go alone: give one, or what to publish, not both");
        }
        if (args.flag("shadow") && (delete != null || reset != null || args.all("rules").isEmpty())) {
            // Not the bundled rules by default: that would take the whole default ruleset off the alert topic.
            throw new UsageException("--shadow puts the --rules files in shadow; give it with --rules");
        }
        Duration timeout = timeout(args);
        try {
            try (RulePublisher publisher = publisher(args, bootstrap)) {
                if (reset != null) {
                    return report(reset, publisher.publish(DocumentKind.RULES, Action.RESET, reset, null, timeout),
                            out);
                }
                if (delete != null) {
                    DocumentKind kind = DocumentKind.ofKey(delete);
                    return report(delete, publisher.publish(kind, Action.DELETE, kind.nameOf(delete), null, timeout),
                            out);
                }
                int status = 0;
                if (!args.all("rules").isEmpty() || !documents) {
                    Action put = args.flag("shadow") ? Action.SHADOW : Action.PUT;
                    for (RulesFile f : RulesFile.readAll(RulesOption.paths(args))) {
                        String name = Path.of(f.name()).getFileName().toString();
                        status = Math.max(status, report(name, publisher.publish(DocumentKind.RULES, put, name,
                                utf8(f.content()), timeout), out));
                    }
                }
                for (String file : args.all("selection")) {
                    String name = Path.of(file).getFileName().toString();
                    status = Math.max(status, report(DocumentKind.SELECTION.key(name), publisher.publish(
                            DocumentKind.SELECTION, Action.PUT, name, Files.readAllBytes(Path.of(file)), timeout), out));
                }
                for (String file : args.all("accounts")) {
                    String name = Path.of(file).getFileName().toString();
                    status = Math.max(status, report(DocumentKind.ACCOUNTS.key(name), publisher.publish(
                            DocumentKind.ACCOUNTS, Action.PUT, name, Files.readAllBytes(Path.of(file)), timeout), out));
                }
                for (String rule : args.all("promote")) {
                    status = Math.max(status, report(DocumentKind.PROMOTION.key(rule), publisher.publish(
                            DocumentKind.PROMOTION, Action.PUT, rule, new byte[0], timeout), out));
                }
                for (String rule : args.all("demote")) {
                    status = Math.max(status, report(DocumentKind.PROMOTION.key(rule), publisher.publish(
                            DocumentKind.PROMOTION, Action.DELETE, rule, null, timeout), out));
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

    static String bootstrapServers(Arguments args) throws UsageException {
        String bootstrap = args.last("bootstrap-servers", null);
        if (bootstrap == null) {
            throw new UsageException("this command needs --bootstrap-servers HOST:PORT");
        }
        return bootstrap;
    }

    static Duration timeout(Arguments args) throws UsageException {
        try {
            return Duration.ofSeconds(Long.parseLong(args.last("timeout", "30")));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes a number of seconds");
        }
    }

    /** A publisher on {@code --topic}, waiting for statuses on {@code --status-topic}, signing as the options say. */
    static RulePublisher publisher(Arguments args, String bootstrap) throws UsageException, IOException {
        SigningKey key = signingKey(args);
        Properties client = new Properties();
        client.putAll(KafkaClientOption.load(args));
        return new RulePublisher(bootstrap, client, args.last("topic", ControlTopics.RULES),
                args.last("status-topic", ControlTopics.STATUS), key);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
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

    static int report(String name, StatusRecord s, PrintStream out) {
        out.println(name + ": " + s.summary());
        for (String e : s.errors()) {
            out.println("  " + e);
        }
        for (String w : s.warnings()) {
            // A rule file's warnings are validate's to show; a selection or promotion that does nothing is shown.
            if (DocumentKind.ofKey(w) != DocumentKind.RULES) {
                out.println("  " + w);
            }
        }
        s.changeLines().forEach(c -> out.println("  " + c));
        return s.activated() ? 0 : 1;
    }
}
