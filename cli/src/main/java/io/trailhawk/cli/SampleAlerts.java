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
        StatefulStream stream = new StatefulStream(rules, RuleTestRunner.OUT_OF_ORDERNESS_NANOS);
        long n = 0;
        for (JsonNode r : records) {
            CloudTrailEvent e = CloudTrailEvent.of(r, ++n);
            List<Alert> matched = rules.evaluate(e);
            for (Alert a : matched) {
                if (singleEvent(a)) {
                    everyMatch++;
                }
            }
            for (Alert a : stream.accept(e.timeNanos(), matched)) {
                if (singleEvent(a)) {
                    suppressed++;
                } else {
                    correlated++;
                }
            }
        }
        for (Alert a : stream.finish()) {
            if (singleEvent(a)) {
                suppressed++;
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
                + " |\n";
    }

    /** An alert of a rule that looks at one event: without state, or only suppressed. */
    private static boolean singleEvent(Alert a) {
        return a.stateful().map(c -> c.kind().equals("suppress") || c.kind().equals("suppressed")).orElse(true);
    }
}
