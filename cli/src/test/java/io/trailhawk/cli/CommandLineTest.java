package io.trailhawk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bin/trailhawk contract that scripts rely on: output lines and exit statuses. */
class CommandLineTest {
    private static final String RULE = "- rule: Lambda Code Updated\n  desc: d\n  condition: ct.name = "
            + "UpdateFunctionCode20150331v2 and not ct.error exists\n  output: fn=%ct.request.functionname "
            + "user=%ct.user\n  priority: WARNING\n  tags: [b, a]\n";
    private static final String EVENT = "{\"eventTime\":\"2023-07-10T12:00:00Z\",\"eventType\":\"AwsApiCall\","
            + "\"eventName\":\"UpdateFunctionCode20150331v2\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":"
            + "\"eve\"},\"requestParameters\":{\"functionName\":\"payments\"},\"eventID\":\"id-1\"}";

    @TempDir
    Path dir;

    private static CommandRun run(String stdin, String... args) {
        return CommandRun.of(stdin, args);
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void validate_validRuleset_printsCountsAndExitsZero() throws Exception {
        Path rules = write("rules/a.yaml", "- list: l\n  items: [x]\n- macro: m\n  condition: ct.user in (l)\n"
                + RULE.replace("not ct.error exists", "not ct.error exists and not m"));
        CommandRun r = run("", "validate", "--rules", rules.toString());
        assertThat(r.status).isZero();
        assertThat(r.out).isEqualTo("loaded 1 rules, 1 lists, 1 macros from 1 files\n");
    }

    @Test
    void validate_invalidRuleset_printsFileLineColAndExitsOne() throws Exception {
        Path rules = write("bad.yaml", RULE.replace("ct.name =", "ct.nam ="));
        CommandRun r = run("", "validate", "--rules", rules.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.out).contains(rules + ":3:14: error: rule 'Lambda Code Updated': filter_check called with nonexistent field ct.nam");
        assertThat(r.out).doesNotContain("loaded ");
    }

    @Test
    void validate_severalRulesPathsAndDirectories() throws Exception {
        write("d/b.yaml", "- list: l\n  items: [y]\n  override:\n    items: append\n");
        write("d/a.yaml", "- list: l\n  items: [x]\n" + RULE.replace("not ct.error exists", "ct.user in (l)"));
        Path extra = write("extra.yml", "- rule: Lambda Code Updated\n  enabled: false\n  override:\n    enabled: replace\n");
        CommandRun r = run("", "validate", "--rules", dir.resolve("d").toString(), "--rules", extra.toString());
        assertThat(r.status).isZero();
        assertThat(r.out).isEqualTo("loaded 1 rules, 1 lists, 0 macros from 3 files\n");
    }

    @Test
    void replay_printsOneFalcoJsonAlertPerLine_andReportsMalformedInput() throws Exception {
        Path rules = write("r.yaml", RULE);
        Path events = write("ev/events.jsonl", EVENT + "\n{\"broken\": \n" + EVENT.replace("id-1", "id-2") + "\n");
        CommandRun r = run("", "replay", "--rules", rules.toString(), "--stats", events.toString());
        assertThat(r.status).isZero();
        List<JsonNode> alerts = lines(r.out);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("rule").asText()).isEqualTo("Lambda Code Updated");
        assertThat(alerts.get(0).get("output").asText()).endsWith(": Warning fn=payments user=eve");
        assertThat(alerts.get(0).get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(alerts.get(1).get("trailhawk").get("event_id").asText()).isEqualTo("id-2");
        assertThat(r.err).contains(events + ":2:").contains("malformed record");
        assertThat(r.err).contains("events: 2, alerts: 2");
    }

    @Test
    void replay_readsStdinAndDirectoriesRecursively() throws Exception {
        Path rules = write("r.yaml", RULE);
        write("logs/2023/07/10/a.json", "{\"Records\":[" + EVENT + "]}");
        write("logs/2023/07/10/ignored.txt", EVENT);
        CommandRun fromDir = run("", "replay", "--rules", rules.toString(), dir.resolve("logs").toString());
        assertThat(lines(fromDir.out)).hasSize(1);
        CommandRun fromStdin = run(EVENT, "replay", "--rules", rules.toString(), "-");
        assertThat(lines(fromStdin.out)).hasSize(1);
    }

    @Test
    void replay_marksTheAlertsOfARuleInShadow_asTheJobsShadowTopicDoes() throws Exception {
        Path rules = write("r.yaml", RULE + RULE.replace("Lambda Code Updated", "Staged") + "  shadow: true\n");
        List<JsonNode> alerts = lines(run(EVENT, "replay", "--rules", rules.toString(), "-").out);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).has("shadow")).isFalse();
        assertThat(alerts.get(1).path("shadow").asBoolean()).isTrue();
        assertThat(alerts.get(1).path("rule").asText()).isEqualTo("Staged");
    }

    @Test
    void replay_writesTheFormatAsked_withTheAccountTablesNames_andRefusesAnUnknownFormat() throws Exception {
        Path rules = write("r.yaml", RULE);
        Path accounts = write("accounts.yaml", "- account: '111122223333'\n  name: payments-prod\n");
        String event = EVENT.replace("{\"eventTime\"", "{\"recipientAccountId\":\"111122223333\",\"eventTime\"");
        List<JsonNode> ecs = lines(run(event, "replay", "--rules", rules.toString(), "--format", "ecs",
                "--accounts", accounts.toString(), "-").out);
        assertThat(ecs).singleElement().satisfies(a -> {
            assertThat(a.path("event").path("kind").asText()).isEqualTo("alert");
            assertThat(a.path("cloud").path("account").path("name").asText()).isEqualTo("payments-prod");
            assertThat(a.path("user").path("name").asText()).isEqualTo("eve");
        });
        CommandRun bad = run(EVENT, "replay", "--rules", rules.toString(), "--format", "cef", "-");
        assertThat(bad.status).isEqualTo(2);
        assertThat(bad.err).contains("--format is one of falco, ocsf, asff, ecs");
    }

    @Test
    void replay_ruleMatchingAndMinPriority() throws Exception {
        Path rules = write("r.yaml", RULE + RULE.replace("Lambda Code Updated", "Second").replace("WARNING", "DEBUG"));
        Path events = write("e.json", EVENT);
        assertThat(lines(run("", "replay", "--rules", rules.toString(), events.toString()).out)).hasSize(2);
        assertThat(lines(run("", "replay", "--rules", rules.toString(), "--rule-matching", "first",
                events.toString()).out)).hasSize(1);
        assertThat(lines(run("", "replay", "--rules", rules.toString(), "--min-priority", "notice",
                events.toString()).out)).hasSize(1);
        assertThat(run("", "replay", "--rules", rules.toString(), "--rule-matching", "some", events.toString()).status)
                .isEqualTo(2);
    }

    @Test
    void replay_rejectedRuleset_exitsOne() throws Exception {
        Path rules = write("r.yaml", "- rule: x\n");
        CommandRun r = run("", "replay", "--rules", rules.toString(), write("e.json", EVENT).toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains(rules + ":1:3: error: rule 'x'");
    }

    @Test
    void test_runsCasesAndPrintsPassedFailed() throws Exception {
        Path rules = write("rules/r.yaml", RULE);
        write("rules/tests/cases.yaml", "- name: fires\n  rule: Lambda Code Updated\n  expect: alert\n"
                + "  output: fn=payments user=eve\n  event: " + EVENT + "\n"
                + "- name: near miss\n  rule: Lambda Code Updated\n  expect: no_alert\n  event: "
                + EVENT.replace("\"eventID\"", "\"errorCode\":\"AccessDenied\",\"eventID\"") + "\n"
                + "- name: wrong output\n  rule: Lambda Code Updated\n  expect: alert\n  output: nope\n  event: "
                + EVENT + "\n");
        CommandRun r = run("", "test", "--rules", dir.resolve("rules").toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.out).isEqualTo("2 passed, 1 failed\n");
        assertThat(r.err).contains("cases.yaml:10: wrong output: output differs");
    }

    @Test
    void unknownCommand_isAUsageError() {
        assertThat(run("", "frobnicate").status).isEqualTo(2);
        assertThat(run("", "validate", "--nope").status).isEqualTo(2);
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                l.add(m.readTree(line));
            }
        }
        return l;
    }

    @Test
    void keygen_writesAPrivateKeyOnlyItsOwnerReads_andPrintsTheJobsTrustedKeyEntry() throws Exception {
        Path pem = dir.resolve("push.pem");
        CommandRun r = run("", "keygen", "--out", pem.toString(), "--key-id", "ops-1");
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out.trim()).startsWith("rules.trusted-keys=ops-1:ecdsa-p256:").doesNotContain("PRIVATE");
        assertThat(java.nio.file.Files.getPosixFilePermissions(pem))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        io.trailhawk.control.SigningKey key = io.trailhawk.control.SigningKey.ecdsa(null, pem);
        assertThat(key.id()).isEqualTo("ops-1");
        io.trailhawk.control.ControlRecord record = new io.trailhawk.control.ControlRecord(
                io.trailhawk.control.ControlRecord.RULES_KIND, io.trailhawk.control.ControlRecord.Action.PUT, "a.yaml",
                1, RULE.getBytes(StandardCharsets.UTF_8));
        io.trailhawk.control.TrustedKeys trusted = io.trailhawk.control.TrustedKeys.parse(
                r.out.trim().substring("rules.trusted-keys=".length()), null);
        assertThat(trusted.problem(record, "ops-1", key.sign(record))).isNull();

        CommandRun again = run("", "keygen", "--out", pem.toString());
        assertThat(again.status).isEqualTo(1);
        assertThat(again.err).contains("exists; it is not overwritten");
        assertThat(run("", "keygen", "--out", dir.resolve("b.pem").toString(), "--key-id", "a:b").status)
                .isEqualTo(2);
    }
}
