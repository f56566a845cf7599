package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two documents the product started from, working as they describe. */
class SeedScenariosTest {
    private static final Path SEEDS = Path.of("src/test/resources/seeds");

    private static List<Alert> replay(List<RulesFile> rules) throws Exception {
        CompiledRuleset r = RuleCompiler.builder().build().compile(rules);
        List<Alert> alerts = new ArrayList<>();
        List<JsonNode> records = SampleRecords.jsonLines(SEEDS.resolve("events.jsonl"));
        long n = 0;
        for (JsonNode rec : records) {
            alerts.addAll(r.evaluate(CloudTrailEvent.of(rec, ++n)));
        }
        return alerts;
    }

    @Test
    void unusedRegionRule_firesOnlyAfterTheAppendedListFile() throws Exception {
        RulesFile rule = RulesFile.read(SEEDS.resolve("unused-region.yaml"));
        assertThat(replay(List.of(rule))).isEmpty();
        List<Alert> alerts = replay(List.of(rule, RulesFile.read(SEEDS.resolve("disallowed_aws_regions.yaml"))));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("AWS command executed on unused region");
            assertThat(a.priority()).isEqualTo(Priority.CRITICAL);
            assertThat(a.output()).isEqualTo("An AWS command has been executed on an unused region (requesting "
                    + "user=arn:aws:iam::972909301756:root,\n requesting IP=87.218.230.200,\n AWS region=us-west-2");
            assertThat(a.eventId()).isEqualTo("69cc425f-17db-4647-b27e-8a75d375a40b");
        });
    }

    @Test
    void lambdaRule_withItsIntendedKeys_fires() throws Exception {
        List<Alert> alerts = replay(List.of(RulesFile.read(SEEDS.resolve("lambda-persistence.yaml"))));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("Update Lambda Function Code");
            assertThat(a.output()).isEqualTo("The code of a Lambda function has been updated. (requesting "
                    + "user=mikegcoleman, requesting IP=10.0.0.1, AWS region=us-east-1, lambda "
                    + "function=AirlinesBusinessLogic)");
            assertThat(a.tags()).containsExactly("MITRE_TA0003_persistence", "aws_lambda", "cloud");
        });
    }
}
