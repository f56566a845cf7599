package io.trailhawk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.cloudtrail.input.RecordCollector;
import io.trailhawk.formats.AlertContext;
import io.trailhawk.formats.AlertFormats;
import io.trailhawk.formats.FormatSettings;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.AccountTable;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/outputs.md shows one alert in each format, rendered here from a real record of the sample data, so the page
 * cannot drift from the code. {@code -Dtrailhawk.docs.write=true} rewrites the examples in place.
 */
class OutputsDocTest {
    private static final Path DOC = Path.of("..", "docs", "outputs.md");
    private static final Path SAMPLES = Path.of("..", "samples", "invictus-aws-2023", "CloudTrail");
    private static final String RULE = "IAM Authorization Details Dumped";
    private static final Pattern EXAMPLE = Pattern.compile(
            "(<!-- example: (\\w+) -->\\n```json\\n)(.*?)(```\\n<!-- /example -->)", Pattern.DOTALL);

    private static Alert sampleAlert() throws Exception {
        CompiledRuleset rules = RuleCompiler.builder().setEventFacts(true).build()
                .compile(RulesFile.readAll(List.of(Path.of("..", "rules"))));
        long n = 0;
        for (JsonNode r : RecordCollector.fromFiles(List.of(SAMPLES)).records()) {
            for (Alert a : rules.evaluate(CloudTrailEvent.of(r, ++n))) {
                if (a.rule().equals(RULE)) {
                    return a;
                }
            }
        }
        throw new AssertionError("no alert of " + RULE + " in the samples");
    }

    @Test
    void theExampleOfEachFormat_isWhatTheFormatWritesForASampleRecord() throws Exception {
        Alert a = sampleAlert();
        ObjectMapper json = new ObjectMapper();
        FormatSettings settings = FormatSettings.of("trailhawk-prod");
        AlertContext context = AlertContext.of(12L, new AccountTable.Account(a.accountId(), "sandbox", "dev",
                "cloud-security"));
        String doc = Files.readString(DOC);
        Matcher m = EXAMPLE.matcher(doc);
        StringBuilder regenerated = new StringBuilder();
        int examples = 0;
        while (m.find()) {
            String format = m.group(2);
            String rendered = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(
                    AlertFormats.named(format, settings).render(a, context)));
            m.appendReplacement(regenerated, Matcher.quoteReplacement(m.group(1) + rendered + "\n" + m.group(4)));
            examples++;
        }
        m.appendTail(regenerated);
        if (Boolean.getBoolean("trailhawk.docs.write")) {
            Files.writeString(DOC, regenerated.toString(), StandardCharsets.UTF_8);
        }
        assertThat(examples).isEqualTo(AlertFormats.NAMES.size());
        assertThat(doc).as("docs/outputs.md is stale: run the cli tests with -Dtrailhawk.docs.write=true")
                .isEqualTo(regenerated.toString());
    }
}
