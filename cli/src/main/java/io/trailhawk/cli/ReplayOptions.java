package io.trailhawk.cli;

import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.load.WindowDuration;
import java.util.Set;

/** What replay and diff share: how rules are compiled, and how far event time may run out of order. */
final class ReplayOptions {
    /** The options with a value that this reads. */
    static final Set<String> VALUED = Set.of("rule-matching", "min-priority", "out-of-orderness");

    final RuleCompiler compiler;
    /** How far behind the newest event the watermark of stateful rules runs. */
    final long outOfOrdernessNanos;

    private ReplayOptions(RuleCompiler compiler, long outOfOrdernessNanos) {
        this.compiler = compiler;
        this.outOfOrdernessNanos = outOfOrdernessNanos;
    }

    static ReplayOptions parse(Arguments args) throws UsageException {
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
        return new ReplayOptions(RuleCompiler.builder().setRuleMatching(matching).setMinPriority(min)
                .setHostname(LocalHost.name()).build(), outOfOrderness);
    }
}
