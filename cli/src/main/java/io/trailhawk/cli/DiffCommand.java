package io.trailhawk.cli;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.AlertJson;
import io.trailhawk.rules.output.StatefulContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code trailhawk diff}: replays the same events through two rulesets, as replay does (stateful rules included),
 * and prints the alerts only one of them raises: {@code + } and the alert's JSON for the new ruleset, {@code - } for
 * the one it is compared against, grouped by rule in event-time order, then the counts per rule on stderr. Two
 * alerts are the same when they have the same rule, event, stateful kind and output text, so an alert whose text
 * changed shows as one of each. {@code --selection} applies to the rules, not to {@code --against}, so that diff
 * shows what a selection does. Exit status 0 when no alert differs, 1 when some do, and 2 when a ruleset is
 * rejected or the events cannot be read, as diff(1) has it.
 */
final class DiffCommand {
    static final String USAGE = "trailhawk diff [--rules PATH]... [--against PATH]... [--selection FILE]... "
            + "[--rule-matching all|first] [--min-priority P] [--out-of-orderness DURATION] EVENTS...";

    /** One ruleset's replay, with every alert it raised, in order. */
    private static final class Side {
        final RulesetReplay replay;
        final List<Alert> alerts = new ArrayList<>();

        Side(CompiledRuleset rules, long outOfOrdernessNanos) {
            this.replay = new RulesetReplay(rules, outOfOrdernessNanos);
        }

        void accept(CloudTrailEvent e) {
            alerts.addAll(replay.accept(e));
        }

        void finish() {
            alerts.addAll(replay.finish());
        }
    }

    /** An alert only one side raised. */
    private static final class Difference {
        final boolean inNew;
        final Alert alert;

        Difference(boolean inNew, Alert alert) {
            this.inNew = inNew;
            this.alert = alert;
        }
    }

    private DiffCommand() {
    }

    static int run(List<String> argv, InputStream stdin, PrintStream stdout, PrintStream err) throws UsageException {
        Set<String> valued = new HashSet<>(ReplayOptions.VALUED);
        valued.add("rules");
        valued.add("against");
        Arguments args = Arguments.parse(argv, valued, Set.of());
        if (args.positional().isEmpty()) {
            throw new UsageException("diff needs at least one EVENTS path (a file, a directory, or - for stdin)");
        }
        ReplayOptions options = ReplayOptions.parse(args, err);
        if (options == null) {
            return 2;
        }
        CompiledRuleset next = RulesOption.compile(options.compiler, RulesOption.paths(args), err);
        List<Path> againstPaths = new ArrayList<>();
        args.all("against").forEach(p -> againstPaths.add(Paths.get(p)));
        if (againstPaths.isEmpty()) {
            againstPaths.add(RulesOption.defaultRules());
        }
        CompiledRuleset against = RulesOption.compile(options.withoutSelection, againstPaths, err);
        if (next == null || against == null) {
            return 2;
        }
        Side newSide = new Side(next, options.outOfOrdernessNanos);
        Side oldSide = new Side(against, options.outOfOrdernessNanos);
        long[] events = {0};
        ReplayInput input = new ReplayInput(err, System.console() == null ? null
                : () -> "diff: " + events[0] + " events, " + newSide.alerts.size() + " and " + oldSide.alerts.size()
                        + " alerts so far");
        try {
            input.read(args.positional(), stdin, r -> {
                CloudTrailEvent e = CloudTrailEvent.of(r, ++events[0]);
                newSide.accept(e);
                oldSide.accept(e);
            });
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        newSide.finish();
        oldSide.finish();
        List<Difference> differences = differences(newSide.alerts, oldSide.alerts);
        try {
            print(differences, stdout);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        summarise(differences, events[0], newSide.alerts.size(), oldSide.alerts.size(), err);
        return differences.isEmpty() ? 0 : 1;
    }

    /** The alerts of each side that the other lacks, counting repeats: by rule, then event time, old before new. */
    private static List<Difference> differences(List<Alert> next, List<Alert> old) {
        Map<String, Integer> unmatchedOld = new HashMap<>();
        old.forEach(a -> unmatchedOld.merge(identity(a), 1, Integer::sum));
        List<Difference> out = new ArrayList<>();
        for (Alert a : next) {
            String id = identity(a);
            if (unmatchedOld.getOrDefault(id, 0) > 0) {
                unmatchedOld.merge(id, -1, Integer::sum);
            } else {
                out.add(new Difference(true, a));
            }
        }
        for (Alert a : old) {
            String id = identity(a);
            int left = unmatchedOld.getOrDefault(id, 0);
            if (left > 0) {
                out.add(new Difference(false, a));
                unmatchedOld.put(id, left - 1);
            }
        }
        out.sort(Comparator.<Difference, String>comparing(d -> d.alert.rule())
                .thenComparingLong(d -> d.alert.timeNanos()).thenComparing(d -> d.inNew));
        return out;
    }

    private static String identity(Alert a) {
        String kind = a.stateful().map(StatefulContext::kind).orElse("");
        return a.rule() + '\u0000' + a.eventId() + '\u0000' + kind + '\u0000' + a.output();
    }

    private static void print(List<Difference> differences, PrintStream stdout) throws IOException {
        AlertJson json = new AlertJson(LocalHost.name());
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        for (Difference d : differences) {
            out.write(d.inNew ? "+ " : "- ");
            out.write(json.render(d.alert));
            out.write('\n');
        }
        out.flush();
    }

    private static void summarise(List<Difference> differences, long events, int newAlerts, int oldAlerts,
            PrintStream err) {
        Map<String, long[]> byRule = new TreeMap<>();
        for (Difference d : differences) {
            byRule.computeIfAbsent(d.alert.rule(), k -> new long[2])[d.inNew ? 0 : 1]++;
        }
        long added = differences.stream().filter(d -> d.inNew).count();
        err.printf("events: %d, alerts: %d new, %d against; only in new: %d, only in against: %d%n", events, newAlerts,
                oldAlerts, added, differences.size() - added);
        byRule.forEach((rule, n) -> err.printf("%8s  %8s  %s%n", "+" + n[0], "-" + n[1], rule));
    }
}
