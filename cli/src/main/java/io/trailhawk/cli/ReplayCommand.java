package io.trailhawk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.cloudtrail.input.CloudTrailDecoder;
import io.trailhawk.cloudtrail.input.EventSources;
import io.trailhawk.cloudtrail.input.RecordCollector;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.output.AlertJson;
import io.trailhawk.rules.load.WindowDuration;
import io.trailhawk.stateful.StatefulStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code trailhawk replay}: runs the rules over CloudTrail files (or stdin) and prints one Falco JSON alert per line.
 * Malformed input is reported on stderr with its position, and the replay goes on.
 */
final class ReplayCommand {
    static final String USAGE = "trailhawk replay [--rules PATH]... [--rule-matching all|first] [--min-priority P] "
            + "[--out-of-orderness DURATION] [--stats] [--by-rule] EVENTS...";

    private final CompiledRuleset rules;
    private final Writer out;
    private final PrintStream err;
    private final AlertJson json = new AlertJson(LocalHost.name());
    private final CloudTrailDecoder decoder = new CloudTrailDecoder();
    private final Map<String, Long> alertsByRule = new LinkedHashMap<>();
    private final boolean showProgress;
    /** Stateful rules' matches wait here for event time; other alerts pass straight through. */
    private final StatefulStream stateful;
    private long events;
    private long alerts;
    private long skipped;
    private long malformed;
    private long lastProgress = System.nanoTime();

    private ReplayCommand(CompiledRuleset rules, Writer out, PrintStream err, boolean showProgress,
            StatefulStream stateful) {
        this.rules = rules;
        this.stateful = stateful;
        this.out = out;
        this.err = err;
        this.showProgress = showProgress;
        for (var r : rules.rules()) {
            alertsByRule.put(r.name(), 0L);
        }
    }

    static int run(List<String> argv, InputStream stdin, PrintStream stdout, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("rules", "rule-matching", "min-priority", "out-of-orderness"),
                Set.of("stats", "by-rule"));
        if (args.positional().isEmpty()) {
            throw new UsageException("replay needs at least one EVENTS path (a file, a directory, or - for stdin)");
        }
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
        RuleCompiler compiler = RuleCompiler.builder().setRuleMatching(matching).setMinPriority(min)
                .setHostname(LocalHost.name()).build();
        CompiledRuleset rules = RulesOption.compile(compiler, RulesOption.paths(args), err);
        if (rules == null) {
            return 1;
        }
        String bound = args.last("out-of-orderness", "5m");
        long outOfOrderness = WindowDuration.parseNanos(bound).orElseThrow(() -> new UsageException(
                "--out-of-orderness must be a duration such as 90s or 5m, not '" + bound + "'"));
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        ReplayCommand replay = new ReplayCommand(rules, out, err, System.console() != null,
                new StatefulStream(rules, outOfOrderness));
        long start = System.nanoTime();
        try {
            for (String p : args.positional()) {
                if (p.equals("-")) {
                    replay.payload(stdin.readAllBytes(), "<stdin>");
                } else {
                    replay.paths(Paths.get(p));
                }
            }
            replay.write(replay.stateful.finish());
            out.flush();
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        if (args.flag("stats") || args.flag("by-rule")) {
            replay.printStats(seconds, args.flag("by-rule"));
        }
        return 0;
    }

    private void paths(Path p) throws IOException {
        for (Path f : EventSources.expand(List.of(p))) {
            payload(Files.readAllBytes(f), f.toString());
        }
    }

    private void payload(byte[] bytes, String origin) throws IOException {
        RecordCollector decoded = new RecordCollector();
        decoder.decode(bytes, origin, decoded);
        skipped += decoded.skipped();
        malformed += decoded.malformed().size();
        decoded.malformed().forEach(m -> err.println(m.replaceFirst(": ", ": malformed record: ")));
        for (JsonNode r : decoded.records()) {
            CloudTrailEvent e = CloudTrailEvent.of(r, ++events);
            write(stateful.accept(e.timeNanos(), rules.evaluate(e)));
        }
        progress();
    }

    private void write(List<Alert> ready) throws IOException {
        for (Alert a : ready) {
            alerts++;
            alertsByRule.merge(a.rule(), 1L, Long::sum);
            out.write(json.render(a));
            out.write('\n');
        }
    }

    private void progress() {
        if (showProgress && System.nanoTime() - lastProgress > 2_000_000_000L) {
            lastProgress = System.nanoTime();
            err.println("replay: " + events + " events, " + alerts + " alerts so far");
        }
    }

    private void printStats(double seconds, boolean byRule) {
        err.printf("events: %d, alerts: %d, skipped: %d, malformed: %d, seconds: %.3f, events/s: %.0f%n", events,
                alerts, skipped, malformed, seconds, events / seconds);
        if (stateful.lateMatches() > 0) {
            err.printf("late matches (behind the watermark, evaluated at once): %d%n", stateful.lateMatches());
        }
        if (byRule) {
            List<Map.Entry<String, Long>> rows = new ArrayList<>(alertsByRule.entrySet());
            rows.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            for (Map.Entry<String, Long> row : rows) {
                double share = events == 0 ? 0 : 100.0 * row.getValue() / events;
                err.printf("%8d  %6.2f%%  %s%n", row.getValue(), share, row.getKey());
            }
        }
    }
}
