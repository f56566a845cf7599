package io.trailhawk.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.control.StatusRecord;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.load.RuleLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail of an activation: which rules it added, removed and changed, and each file's hash. */
class RulesetStatusTest {
    private static final String MACRO = "- macro: quiet_user\n  condition: ct.user = robot\n";
    private static final String KEPT = "- rule: Kept\n  desc: d\n  condition: ct.name = ListUsers\n  output: o\n"
            + "  priority: NOTICE\n";
    private static final String VIA_MACRO = "- rule: Via Macro\n  desc: d\n  condition: ct.name = GetUser and not "
            + "quiet_user\n  output: o\n  priority: NOTICE\n";
    private static final String GONE = "- rule: Gone\n  desc: d\n  condition: ct.name = DeleteUser\n  output: o\n"
            + "  priority: NOTICE\n";
    private static final String ADDED = "- rule: Added\n  desc: d\n  condition: ct.name = CreateUser\n  output: o\n"
            + "  priority: NOTICE\n";

    private static RulesetBuilder builder() {
        return new RulesetBuilder(Map.of("base.yaml", MACRO + KEPT + VIA_MACRO + GONE), RuleMatching.ALL,
                Priority.DEBUG, RuleLimits.defaults());
    }

    @Test
    void rulesAddedRemovedAndChanged_areNamed_andAMacroChangeChangesTheRulesThatUseIt() {
        RulesetBuilder b = builder();
        RulesetBuilder.Outcome before = b.build(Map.of(), "h");
        String changedMacro = MACRO.replace("robot", "backup-robot");
        RulesetBuilder.Outcome after = b.build(Map.of("base.yaml", changedMacro + KEPT + VIA_MACRO + ADDED), "h");

        RuleChanges c = RuleChanges.between(before.ruleset, after.ruleset);

        assertThat(c.added).containsExactly("Added");
        assertThat(c.removed).containsExactly("Gone");
        assertThat(c.changed).containsExactly("Via Macro");
    }

    @Test
    void theSameFilesPushedAgain_changeNothing() {
        RulesetBuilder b = builder();
        assertThat(RuleChanges.between(b.build(Map.of(), "h").ruleset, b.build(Map.of(), "h").ruleset).isEmpty())
                .isTrue();
    }

    @Test
    void anActivationsStatus_namesItsChanges_andEachFilesSha256() throws Exception {
        RulesetBuilder b = builder();
        RulesetBuilder.Outcome before = b.build(Map.of(), "h");
        RulesetBuilder.Outcome after = b.build(Map.of("zz-new.yaml", ADDED), "h");
        String json = RulesetStatus.activated(2, after, RuleFileUpdate.put("zz-new.yaml", ADDED, "kafka:trailhawk-rules/0@1"),
                RuleChanges.between(before.ruleset, after.ruleset), Instant.parse("2026-12-04T00:00:00Z"));

        StatusRecord s = new StatusRecord(new ObjectMapper().readTree(json));

        assertThat(s.activated()).isTrue();
        assertThat(s.added()).containsExactly("Added");
        assertThat(s.removed()).isEmpty();
        assertThat(s.changed()).isEmpty();
        StringBuilder sha = new StringBuilder();
        for (byte x : MessageDigest.getInstance("SHA-256").digest(ADDED.getBytes(StandardCharsets.UTF_8))) {
            sha.append(String.format("%02x", x));
        }
        assertThat(s.json().path("file_sha256").path("zz-new.yaml").asText()).isEqualTo(sha.toString());
        assertThat(s.json().path("file_sha256").has("base.yaml")).isTrue();
    }
}
