package io.trailhawk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code bin/trailhawk}: validate, replay, diff and test rules without a cluster. */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage:",
            "  " + ValidateCommand.USAGE,
            "  " + ReplayCommand.USAGE,
            "  " + DiffCommand.USAGE,
            "  " + TestCommand.USAGE,
            "  " + PushCommand.USAGE,
            "  " + HistoryCommand.USAGE,
            "  " + RollbackCommand.USAGE,
            "  " + KeygenCommand.USAGE,
            "  " + TopicsCommand.USAGE,
            "  " + SendCommand.USAGE,
            "  " + RulesDocCommand.USAGE,
            "  trailhawk local [--exit-after-replay]",
            "",
            "--rules defaults to the bundled rules/ directory.");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err));
    }

    /** Runs one command; returns its exit status. */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
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
                case "diff":
                    return DiffCommand.run(rest, in, out, err);
                case "test":
                    return TestCommand.run(rest, out, err);
                case "push":
                    return PushCommand.run(rest, out, err);
                case "history":
                    return HistoryCommand.run(rest, out, err);
                case "rollback":
                    return RollbackCommand.run(rest, out, err);
                case "keygen":
                    return KeygenCommand.run(rest, out, err);
                case "rules-doc":
                    return RulesDocCommand.run(rest, out, err);
                case "send":
                    return SendCommand.run(rest, in, out, err);
                case "topics":
                    return TopicsCommand.run(rest, out, err);
                case "local":
                    // bin/trailhawk starts the local pipeline from its own module; this jar does not carry Flink.
                    err.println("trailhawk local: run it through bin/trailhawk, which starts the local pipeline");
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
