package io.trailhawk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code bin/trailhawk}: validate, replay and test rules without a cluster. */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage:",
            "  " + ValidateCommand.USAGE,
            "  " + ReplayCommand.USAGE,
            "  " + TestCommand.USAGE,
            "  trailhawk push --bootstrap-servers HOST:PORT --topic TOPIC [--rules PATH]... [--delete NAME]",
            "  trailhawk local [--exit-after-replay]",
            "",
            "--rules defaults to the bundled rules/ directory.");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err));
    }

    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            switch (args.get(0)) {
                case "validate":
                    return ValidateCommand.run(rest, out, err);
                case "replay":
                    return ReplayCommand.run(rest, in, out, err);
                case "test":
                    return TestCommand.run(rest, out, err);
                case "push":
                case "local":
                    err.println("trailhawk " + args.get(0) + ": not available in this build yet; it needs the Flink "
                            + "job module (see the README's roadmap)");
                    return 2;
                default:
                    throw new UsageException("unknown command '" + args.get(0) + "'");
            }
        } catch (UsageException e) {
            err.println("trailhawk: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }
}
