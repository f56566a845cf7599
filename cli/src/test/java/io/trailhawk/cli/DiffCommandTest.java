package io.trailhawk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/trailhawk diff: the alerts only one of two rulesets raises over the same events. */
class DiffCommandTest {
    private static final String KEY_RULE = "- rule: Access Key Created\n  desc: d\n  condition: ct.name = "
            + "CreateAccessKey\n  output: key for %ct.user\n  priority: WARNING\n";
    private static final String DELETE_RULE = "- rule: User Deleted\n  desc: d\n  condition: ct.name = DeleteUser\n"
            + "  output: deleted by %ct.user\n  priority: NOTICE\n";

    @TempDir
    Path dir;

    private static final class Run {
        final int status;
        final List<String> out;
        final String err;

        Run(CommandRun r) {
            this.status = r.status;
            this.out = r.lines();
            this.err = r.err;
        }
    }

    private static Run run(String... args) {
        return new Run(CommandRun.of("", args));
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static String event(String name, String user, String id, String time) {
        return "{\"eventVersion\":\"1.09\",\"eventTime\":\"" + time + "\",\"eventType\":\"AwsApiCall\","
                + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"" + name + "\",\"userIdentity\":{\"type\":"
                + "\"IAMUser\",\"userName\":\"" + user + "\",\"arn\":\"arn:aws:iam::111122223333:user/" + user
                + "\"},\"eventID\":\"" + id + "\",\"recipientAccountId\":\"111122223333\"}";
    }

    private Path events() throws Exception {
        return write("events.jsonl", String.join("\n",
                event("CreateAccessKey", "alice", "e-1", "2024-03-01T10:00:00Z"),
                event("CreateAccessKey", "alice", "e-2", "2024-03-01T10:05:00Z"),
                event("DeleteUser", "bob", "e-3", "2024-03-01T10:06:00Z"),
                event("CreateAccessKey", "carol", "e-4", "2024-03-01T10:07:00Z")) + "\n");
    }

    @Test
    void theSameRules_differInNothing_andExitZero() throws Exception {
        Path rules = write("a/rules.yaml", KEY_RULE + DELETE_RULE);
        Run r = run("diff", "--rules", rules.toString(), "--against", rules.toString(), events().toString());
        assertThat(r.status).isEqualTo(0);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("events: 4, alerts: 4 new, 4 against; only in new: 0, only in against: 0");
    }

    @Test
    void aNewRuleAndARemovedOne_printTheirAlertsMarked_withCountsPerRule_andExitOne() throws Exception {
        Path next = write("new/rules.yaml", KEY_RULE);
        Path old = write("old/rules.yaml", DELETE_RULE);
        Run r = run("diff", "--rules", next.toString(), "--against", old.toString(), events().toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.out).hasSize(4);
        assertThat(r.out.subList(0, 3)).allSatisfy(l -> assertThat(l).startsWith("+ {").contains("Access Key Created"));
        assertThat(r.out.get(3)).startsWith("- {").contains("\"output_fields\"").contains("deleted by bob");
        assertThat(r.err).contains("only in new: 3, only in against: 1").contains("      +3        -0  Access Key Created")
                .contains("      +0        -1  User Deleted");
    }

    @Test
    void suppressionAddedToARule_showsTheRepeatItSilences_andTheSummaryItRaises() throws Exception {
        Path old = write("old/rules.yaml", KEY_RULE);
        Path next = write("new/rules.yaml", KEY_RULE + "  suppress:\n    by: [ct.user]\n    for: 1h\n");
        Run r = run("diff", "--rules", next.toString(), "--against", old.toString(), events().toString());
        assertThat(r.status).isEqualTo(1);
        // Every alert of the suppressed rule carries its stateful kind, so none is the same as the plain one.
        assertThat(r.out).filteredOn(l -> l.startsWith("- ")).hasSize(3);
        assertThat(r.out).filteredOn(l -> l.startsWith("+ ")).hasSize(3)
                .anySatisfy(l -> assertThat(l).contains("\"kind\":\"suppressed\"").contains("\"count\":1"));
    }

    @Test
    void aSelection_appliesToTheRulesOnly_soDiffShowsWhatItTurnsOff() throws Exception {
        Path rules = write("a/rules.yaml", KEY_RULE + DELETE_RULE);
        Path selection = write("selection.yaml", "- disable:\n    rule: User *\n");
        Run r = run("diff", "--rules", rules.toString(), "--against", rules.toString(), "--selection",
                selection.toString(), events().toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.out).singleElement().satisfies(l -> assertThat(l).startsWith("- ").contains("User Deleted"));
    }

    @Test
    void replayAndValidate_takeTheSameSelection_andReportItsProblemsWithTheirPosition() throws Exception {
        Path rules = write("a/rules.yaml", KEY_RULE + DELETE_RULE);
        Path off = write("off.yaml", "rules:\n  - disable:\n      rule: Access Key Created\n");
        Run replay = run("replay", "--rules", rules.toString(), "--selection", off.toString(), events().toString());
        assertThat(replay.status).isEqualTo(0);
        assertThat(replay.out).singleElement().satisfies(l -> assertThat(l).contains("User Deleted"));

        Path bad = write("bad.yaml", "- enable:\n    rule: x\n- toggle:\n    tag: y\n");
        Run validate = run("validate", "--rules", rules.toString(), "--selection", bad.toString());
        assertThat(validate.status).isEqualTo(1);
        assertThat(String.join("\n", validate.out)).contains("bad.yaml:3:3:");

        Path none = write("none.yaml", "- enable:\n    tag: kubernetes\n");
        Run warned = run("validate", "--rules", rules.toString(), "--selection", none.toString());
        assertThat(warned.status).isEqualTo(0);
        assertThat(String.join("\n", warned.out)).contains("none.yaml:1:3:").contains("picks no rule");
    }

    @Test
    void aRejectedRuleset_isTrouble_exitTwo() throws Exception {
        Path bad = write("bad/rules.yaml", "- rule: Broken\n  desc: d\n  condition: ct.name =\n  output: o\n"
                + "  priority: WARNING\n");
        Path good = write("good/rules.yaml", KEY_RULE);
        Run r = run("diff", "--rules", bad.toString(), "--against", good.toString(), events().toString());
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("rules.yaml:3:");
    }

    @Test
    void withoutEvents_isAUsageError() {
        assertThat(run("diff", "--rules", "x").status).isEqualTo(2);
    }
}
