package io.trailhawk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.cli.ruletest.RuleTestCase;
import io.trailhawk.cli.ruletest.RuleTestFiles;
import io.trailhawk.formats.AlertContext;
import io.trailhawk.formats.AlertFormat;
import io.trailhawk.formats.AlertFormats;
import io.trailhawk.formats.AlertId;
import io.trailhawk.formats.FormatSettings;
import io.trailhawk.formats.SchemaFacts;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.load.AccountTable;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.AlertJson;
import io.trailhawk.stateful.StatefulStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every alert of every default rule's test cases, in every format, against the format's fact file: the published
 * schema's names, types, requirements and allowed values. Falco JSON stays what it was, byte for byte.
 */
class AlertFormatSchemaTest {
    private static final Path RULES = Path.of("..", "rules");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<Alert> alerts;
    private static Set<String> rulesWithAlerts;

    @BeforeAll
    static void sampleAlerts() throws Exception {
        List<RulesFile> files = RulesFile.readAll(List.of(RULES));
        CompiledRuleset rules = RuleCompiler.builder().setEventFacts(true).build().compile(files);
        alerts = new ArrayList<>();
        rulesWithAlerts = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path file : RuleTestFiles.expand(List.of(RULES.resolve("tests")))) {
            for (RuleTestCase c : RuleTestFiles.read(file, problems)) {
                if (!c.expectAlert()) {
                    continue;
                }
                CompiledRuleset caseRules = rules;
                if (c.extraRules() != null) {
                    List<RulesFile> tuned = new ArrayList<>(files);
                    tuned.add(RulesFile.of(c.location() + " (rules)", c.extraRules()));
                    caseRules = RuleCompiler.builder().setEventFacts(true).build().compile(tuned);
                }
                StatefulStream stream = new StatefulStream(caseRules, 5 * 60_000_000_000L);
                long n = 0;
                for (JsonNode e : c.events()) {
                    CloudTrailEvent event = CloudTrailEvent.of(e, ++n);
                    collect(c, stream.accept(event.timeNanos(), caseRules.evaluate(event)));
                }
                collect(c, stream.finish());
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void collect(RuleTestCase c, List<Alert> fired) {
        for (Alert a : fired) {
            if (a.rule().equals(c.rule())) {
                alerts.add(a);
                rulesWithAlerts.add(a.rule());
            }
        }
    }

    private static JsonNode render(String format, Alert a) throws Exception {
        AlertFormat f = AlertFormats.named(format, FormatSettings.of("test-host"));
        return JSON.readTree(f.render(a, AlertContext.of(7L, AccountTable.Account.unknown(a.accountId()))));
    }

    @Test
    void everyEnabledDefaultRule_hasSampleAlertsToCheck() throws Exception {
        CompiledRuleset rules = RuleCompiler.builder().build().compile(RulesFile.readAll(List.of(RULES)));
        List<String> enabled = new ArrayList<>();
        rules.activeRules().forEach(r -> {
            if (r.alerts()) {
                enabled.add(r.name());
            }
        });
        assertThat(rulesWithAlerts).containsAll(enabled);
        assertThat(alerts.size()).isGreaterThan(enabled.size());
    }

    @Test
    void everySampleAlert_keepsTheSchemaOfEachFormat() throws Exception {
        for (String format : List.of(AlertFormats.OCSF, AlertFormats.ASFF, AlertFormats.ECS)) {
            SchemaFacts facts = SchemaFacts.of(format);
            List<String> problems = new ArrayList<>();
            for (Alert a : alerts) {
                for (String p : facts.problems(render(format, a))) {
                    problems.add(a.rule() + " (" + a.eventId() + "): " + p);
                }
            }
            assertThat(problems).as("%s against %s", format, facts.file()).isEmpty();
        }
    }

    @Test
    void ocsf_mapsTheCloudTrailCallAsOcsfMapsApiActivity_andKeepsItsArithmetic() throws Exception {
        for (Alert a : alerts) {
            JsonNode f = render(AlertFormats.OCSF, a);
            assertThat(f.path("type_uid").asLong()).isEqualTo(f.path("class_uid").asLong() * 100
                    + f.path("activity_id").asLong());
            assertThat(f.path("metadata").path("uid").asText(null)).isEqualTo(a.eventId());
            assertThat(f.path("finding_info").path("uid").asText()).isEqualTo(AlertId.of(a));
            JsonNode evidence = f.path("evidences").path(0);
            assertThat(evidence.path("api").path("operation").asText(null)).isEqualTo(a.facts().eventName());
            assertThat(evidence.path("api").path("service").path("name").asText(null))
                    .isEqualTo(a.facts().eventSource());
            assertThat(evidence.path("actor").path("user").path("uid").asText(null)).isEqualTo(a.facts().userArn());
            assertThat(evidence.path("http_request").path("user_agent").asText(null))
                    .isEqualTo(a.facts().userAgent());
        }
    }

    @Test
    void anAlertsIdIsTheSameInEveryFormat_andDiffersBetweenRulesOnOneEvent() throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        for (Alert a : alerts) {
            String id = AlertId.of(a);
            assertThat(render(AlertFormats.ECS, a).path("event").path("id").asText()).isEqualTo(id);
            assertThat(render(AlertFormats.ASFF, a).path("Id").asText()).endsWith("/trailhawk/" + id);
            ids.add(a.rule() + "|" + a.eventId() + "|" + a.stateful().map(s -> s.kind() + s.windowStartNanos())
                    .orElse("") + "=" + id);
        }
        assertThat(ids.stream().map(s -> s.substring(s.indexOf('=') + 1)).distinct().count())
                .isEqualTo(ids.stream().map(s -> s.substring(0, s.indexOf('='))).distinct().count());
    }

    @Test
    void falcoJson_isByteForByteWhatItWas() throws Exception {
        AlertJson before = new AlertJson("test-host");
        AlertFormat falco = AlertFormats.named(AlertFormats.FALCO, FormatSettings.of("test-host"));
        for (Alert a : alerts) {
            assertThat(Arrays.equals(falco.render(a, AlertContext.of(7L,
                    AccountTable.Account.unknown(a.accountId()))), before.renderUtf8(a, 7L))).isTrue();
        }
    }
}
