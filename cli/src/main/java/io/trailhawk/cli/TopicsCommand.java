package io.trailhawk.cli;

import io.trailhawk.control.TopicSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** {@code trailhawk topics}: creates the job's topics where they are missing (the control topic compacted). */
final class TopicsCommand {
    static final String USAGE = "trailhawk topics --bootstrap-servers HOST:PORT [--partitions N] "
            + "[--replication-factor R] [--command-config FILE]";

    private TopicsCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("bootstrap-servers", "partitions", "replication-factor",
                "command-config"), Set.of());
        String bootstrap = args.last("bootstrap-servers", null);
        if (bootstrap == null) {
            throw new UsageException("topics needs --bootstrap-servers HOST:PORT");
        }
        int partitions;
        short replication;
        try {
            partitions = Integer.parseInt(args.last("partitions", "4"));
            replication = Short.parseShort(args.last("replication-factor", "1"));
        } catch (NumberFormatException e) {
            throw new UsageException("--partitions and --replication-factor take numbers");
        }
        Properties client = new Properties();
        try {
            client.putAll(KafkaClientOption.load(args));
            List<String> created = TopicSetup.createMissing(bootstrap, client, partitions, replication);
            out.println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
            return 0;
        } catch (IOException | ExecutionException e) {
            err.println("trailhawk topics: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
