package io.trailhawk.cli;

import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.load.RuleSelection;
import io.trailhawk.rules.load.WindowDuration;
import java.io.PrintStream;
import java.util.Set;

/** What replay and diff share: how rules are compiled, and how far event time may run out of order. */
final class ReplayOptions {
    /** The options with a value that this reads. */
    static final Set<String> VALUED = Set.of("rule-matching", "min-priority", "out-of-orderness", "selection");

    final RuleCompiler compiler;
    /** The same, without {@code --selection}: for diff's {@code --against} rules. */
    final RuleCompiler withoutSelection;
    /** How far behind the newest event the watermark of stateful rules runs. */
    final long outOfOrdernessNanos;

    private ReplayOptions(RuleCompiler compiler, RuleCompiler withoutSelection, long outOfOrdernessNanos) {
        this.compiler = compiler;
        this.withoutSelection = withoutSelection;
        this.outOfOrdernessNanos = outOfOrdernessNanos;
    }

    /** Null, with the problem printed, when a {@code --selection} file cannot be read. */
    static ReplayOptions parse(Arguments args, PrintStream err) throws UsageException {
        return parse(args, err, false);
    }

    /** The same, with rules that keep their events' facts when {@code eventFacts}, as formats but Falco's need. */
    static ReplayOptions parse(Arguments args, PrintStream err, boolean eventFacts) throws UsageException {
        RuleMatching matching;
        try {
            matching = RuleMatching.parse(args.last("rule-matching", "all"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Priority min = Priority.parse(args.last("min-priority", "debug"));
        if (min == null) {
            throw new UsageException("--min-priority must be one of emergency, alert, critical, error, warning, "
                    + "notice, informational (info), debug");
        }
        String bound = args.last("out-of-orderness", "5m");
        long outOfOrderness = WindowDuration.parseNanos(bound).orElseThrow(() -> new UsageException(
                "--out-of-orderness must be a duration such as 90s or 5m, not '" + bound + "'"));
        RuleSelection selection = RulesOption.selection(args, err);
        if (selection == null) {
            return null;
        }
        RuleCompiler.Builder b = RuleCompiler.builder().setRuleMatching(matching).setMinPriority(min)
                .setHostname(LocalHost.name()).setEventFacts(eventFacts);
        RuleCompiler plain = b.build();
        return new ReplayOptions(b.setSelection(selection).build(), plain, outOfOrderness);
    }
}
