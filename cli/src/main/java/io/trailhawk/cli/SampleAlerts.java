package io.trailhawk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.cli.ruletest.RuleTestRunner;
import io.trailhawk.cloudtrail.input.RecordCollector;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleValidationException;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.stateful.StatefulStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many alerts the sample records give, with the rules' state and without it, for docs/rules.md: the measure of
 * how much suppression and correlation spare an analyst.
 */
final class SampleAlerts {
    private SampleAlerts() {
    }

    static String section(List<RulesFile> files, Path samples) {
        if (!Files.isDirectory(samples)) {
            return "";
        }
        CompiledRuleset rules;
        List<JsonNode> records;
        try {
            rules = RuleCompiler.builder().build().compile(files);
            records = RecordCollector.fromFiles(List.of(samples)).records();
        } catch (RuleValidationException e) {
            throw new IllegalStateException("the rules do not compile: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long everyMatch = 0;
        long suppressed = 0;
        long correlated = 0;
        Map<String, long[]> byRule = new TreeMap<>();
        StatefulStream stream = new StatefulStream(rules, RuleTestRunner.OUT_OF_ORDERNESS_NANOS);
        long n = 0;
        for (JsonNode r : records) {
            CloudTrailEvent e = CloudTrailEvent.of(r, ++n);
            List<Alert> matched = rules.evaluate(e);
            for (Alert a : matched) {
                if (singleEvent(a)) {
                    everyMatch++;
                    byRule.computeIfAbsent(a.rule(), k -> new long[2])[0]++;
                }
            }
            for (Alert a : stream.accept(e.timeNanos(), matched)) {
                if (singleEvent(a)) {
                    suppressed++;
                    byRule.computeIfAbsent(a.rule(), k -> new long[2])[1]++;
                } else {
                    correlated++;
                }
            }
        }
        for (Alert a : stream.finish()) {
            if (singleEvent(a)) {
                suppressed++;
                byRule.computeIfAbsent(a.rule(), k -> new long[2])[1]++;
            } else {
                correlated++;
            }
        }
        return "\n## Alerts on the sample data\n\n"
                + "Replaying the " + records.size() + " records of `samples/invictus-aws-2023` (`bin/trailhawk replay "
                + "--rules rules samples/invictus-aws-2023/CloudTrail --stats --by-rule`):\n\n"
                + "| | alerts |\n|---|---:|\n"
                + "| the single-event rules, every match alerting, as in Falco | " + everyMatch + " |\n"
                + "| the same rules with their suppression (first alert and summary per principal and hour) | "
                + suppressed + " |\n"
                + "| the correlation rules: thresholds, distinct counts, sequences, first-seen values | " + correlated
                + " |\n" + perRule(byRule, records.size(), suppressed);
    }

    /** Each single-event rule that alerts on the samples: its alerts per 1,000 records, and its share suppressed. */
    private static String perRule(Map<String, long[]> byRule, int records, long suppressed) {
        StringBuilder md = new StringBuilder("\nPer rule, on the same records. Every record there is part of an attack "
                + "simulation (Stratus Red Team detonations and the infrastructure they set up), so the rules above 5% "
                + "of the suppressed alerts are the ones that catch the detonations themselves:\n\n"
                + "| rule | alerts, every match | per 1,000 records | alerts, suppressed | per 1,000 records "
                + "| share of all suppressed alerts |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, long[]> e : byRule.entrySet()) {
            long[] c = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %.1f | %.1f%% |%n", e.getKey(), c[0],
                    1000.0 * c[0] / records, c[1], 1000.0 * c[1] / records,
                    suppressed == 0 ? 0.0 : 100.0 * c[1] / suppressed));
        }
        return md.toString();
    }

    /** An alert of a rule that looks at one event: without state, or only suppressed. */
    private static boolean singleEvent(Alert a) {
        return a.stateful().map(c -> c.kind().equals("suppress") || c.kind().equals("suppressed")).orElse(true);
    }
}
