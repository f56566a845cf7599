package io.trailhawk.cli;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.stateful.StatefulStream;
import java.util.List;

/**
 * One ruleset over a stream of events, as replay and diff run it: each event evaluated, and the matches of stateful
 * rules held for event time by a {@link StatefulStream}, so that what comes out is what the job would alert.
 */
final class RulesetReplay {
    private final CompiledRuleset rules;
    private final StatefulStream stateful;

    RulesetReplay(CompiledRuleset rules, long outOfOrdernessNanos) {
        this.rules = rules;
        this.stateful = new StatefulStream(rules, outOfOrdernessNanos);
    }

    /** The alerts ready once {@code e} is seen: its own stateless ones, and any the watermark releases. */
    List<Alert> accept(CloudTrailEvent e) {
        return stateful.accept(e.timeNanos(), rules.evaluate(e));
    }

    /** What the state still holds, at the end of the input. */
    List<Alert> finish() {
        return stateful.finish();
    }

    /** Matches that came behind the watermark and were taken at once. */
    long lateMatches() {
        return stateful.lateMatches();
    }
}
