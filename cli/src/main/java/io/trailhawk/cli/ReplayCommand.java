package io.trailhawk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.formats.AlertContext;
import io.trailhawk.formats.AlertFormat;
import io.trailhawk.formats.AlertFormats;
import io.trailhawk.formats.FormatSettings;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleValidationException;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.AccountTable;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.AlertJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code trailhawk replay}: runs the rules over CloudTrail files (or stdin) and prints one Falco JSON alert per line;
 * a rule in shadow's alerts carry {@code "shadow": true} first, as on the job's shadow topic.
 * Malformed input is reported on stderr with its position, and the replay goes on.
 */
final class ReplayCommand {
    static final String USAGE = "trailhawk replay [--rules PATH]... [--selection FILE]... [--format falco|ocsf|asff|ecs] "
            + "[--accounts FILE]... "
            + "[--rule-matching all|first] "
            + "[--min-priority P] [--out-of-orderness DURATION] [--stats] [--by-rule] EVENTS...";

    private final Writer out;
    private final PrintStream err;
    private final AlertJson json = new AlertJson(LocalHost.name());
    private final ReplayInput input;
    private final Map<String, Long> alertsByRule = new LinkedHashMap<>();
    private final RulesetReplay replay;
    private final CompiledRuleset rules;
    private final AlertFormat format;
    private final AccountTable accounts;
    private long events;
    private long alerts;

    private ReplayCommand(CompiledRuleset rules, AlertFormat format, AccountTable accounts, Writer out, PrintStream err,
            boolean showProgress, long outOfOrdernessNanos) {
        this.format = format;
        this.accounts = accounts;
        this.replay = new RulesetReplay(rules, outOfOrdernessNanos);
        this.rules = rules;
        this.out = out;
        this.err = err;
        this.input = new ReplayInput(err, showProgress
                ? () -> "replay: " + events + " events, " + alerts + " alerts so far" : null);
        for (var r : rules.rules()) {
            alertsByRule.put(r.name(), 0L);
        }
    }

    static int run(List<String> argv, InputStream stdin, PrintStream stdout, PrintStream err) throws UsageException {
        Set<String> valued = new HashSet<>(ReplayOptions.VALUED);
        valued.add("rules");
        valued.add("format");
        valued.add("accounts");
        Arguments args = Arguments.parse(argv, valued, Set.of("stats", "by-rule"));
        if (args.positional().isEmpty()) {
            throw new UsageException("replay needs at least one EVENTS path (a file, a directory, or - for stdin)");
        }
        String formatName = args.last("format", AlertFormats.FALCO);
        if (!AlertFormats.NAMES.contains(formatName)) {
            throw new UsageException("--format is one of " + String.join(", ", AlertFormats.NAMES) + ", not '"
                    + formatName + "'");
        }
        ReplayOptions options = ReplayOptions.parse(args, err, AlertFormats.needsEventFacts(formatName));
        if (options == null) {
            return 1;
        }
        CompiledRuleset rules = RulesOption.compile(options.compiler, RulesOption.paths(args), err);
        if (rules == null) {
            return 1;
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        AccountTable accounts = AccountTable.EMPTY;
        for (String file : args.all("accounts")) {
            try {
                accounts = accounts.then(options.compiler.readAccounts(RulesFile.read(java.nio.file.Path.of(file))));
            } catch (RuleValidationException e) {
                e.issues().forEach(i -> err.println(i));
                return 1;
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
        }
        ReplayCommand replay = new ReplayCommand(rules, AlertFormats.named(formatName,
                FormatSettings.of(LocalHost.name())), accounts, out, err, System.console() != null,
                options.outOfOrdernessNanos);
        long start = System.nanoTime();
        try {
            replay.input.read(args.positional(), stdin, replay::record);
            replay.write(replay.replay.finish());
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

    private void record(JsonNode r) throws IOException {
        CloudTrailEvent e = CloudTrailEvent.of(r, ++events);
        write(replay.accept(e));
    }

    private void write(List<Alert> ready) throws IOException {
        for (Alert a : ready) {
            alerts++;
            alertsByRule.merge(a.rule(), 1L, Long::sum);
            // A rule in shadow's alerts are what the shadow topic carries: Falco JSON, marked, in any format.
            byte[] rendered = rules.inShadow(a.rule()) ? json.renderUtf8(a, null, true)
                    : format.render(a, AlertContext.of(null, accounts.get(a.accountId())));
            out.write(new String(rendered, StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    private void printStats(double seconds, boolean byRule) {
        err.printf("events: %d, alerts: %d, skipped: %d, malformed: %d, seconds: %.3f, events/s: %.0f%n", events,
                alerts, input.skipped(), input.malformed(), seconds, events / seconds);
        if (replay.lateMatches() > 0) {
            err.printf("late matches (behind the watermark, evaluated at once): %d%n", replay.lateMatches());
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
