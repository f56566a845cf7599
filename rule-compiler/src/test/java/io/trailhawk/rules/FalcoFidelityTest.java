package io.trailhawk.rules;

import static io.trailhawk.rules.RulesetFixture.compile;
import static io.trailhawk.rules.RulesetFixture.errors;
import static io.trailhawk.rules.RulesetFixture.matches;
import static io.trailhawk.rules.RulesetFixture.record;
import static io.trailhawk.rules.RulesetFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.event.CloudTrailEvent;
import org.junit.jupiter.api.Test;

/** Behaviours where an earlier version differed from Falco, each pinned to what Falco does. */
class FalcoFidelityTest {
    private static final CloudTrailEvent PATHS = record("\"eventName\":\"PutObject\","
            + "\"requestParameters\":{\"abs\":\"/etc/passwd\",\"rel\":\"etc/passwd\",\"root\":\"/\"}");

    private static String rule(String name, String condition) {
        return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: o\n  priority: WARNING\n"
                + "  source: aws_cloudtrail\n";
    }

    @Test
    void pmatchWithTheRoot_matchesEveryPath_asEmptyComponentsDoNotCount() {
        assertThat(matches("json.value[/requestParameters/abs] pmatch (/)", PATHS)).isTrue();
        assertThat(matches("json.value[/requestParameters/root] pmatch (/)", PATHS)).isTrue();
        assertThat(matches("json.value[/requestParameters/rel] pmatch (/)", PATHS)).isTrue();
        assertThat(matches("json.value[/requestParameters/rel] pmatch (/etc)", PATHS)).isTrue();
        assertThat(matches("json.value[/requestParameters/abs] pmatch (//etc//)", PATHS)).isTrue();
        assertThat(matches("json.value[/requestParameters/abs] pmatch (/etc/)", PATHS)).isTrue();
        assertThat(matches("json.value[/requestParameters/abs] pmatch (/et)", PATHS)).isFalse();
    }

    @Test
    void aMacroNoRuleUses_isStillCompiled_soAnUndefinedReferenceInItIsAnError() {
        assertThat(errors("a.yaml", "- macro: lonely\n  condition: ct.name = x and nowhere\n" + rule("R", "ct.name = y")))
                .singleElement().asString().startsWith("a.yaml:2:").contains("macro 'lonely'")
                .contains("Undefined macro 'nowhere' used in filter.");
    }

    @Test
    void aMacroUsedOnlyByAnUnusedMacro_isNotReportedAsUnused() throws Exception {
        String files = "- macro: inner\n  condition: ct.name = x\n- macro: outer\n  condition: inner\n" + rule("R",
                "ct.name = y");
        assertThat(warnings("a.yaml", files)).anyMatch(w -> w.contains("macro 'outer'") && w.contains("Macro not "
                + "referred to")).noneMatch(w -> w.contains("macro 'inner'"));
    }

    @Test
    void anUnusedMacroReferringToALaterMacro_isAnError_asMacroVisibilityGoesBackwardsOnly() {
        assertThat(errors("a.yaml", "- macro: early\n  condition: late\n- macro: late\n  condition: ct.name = x\n"
                + rule("R", "ct.name = y"))).singleElement().asString().contains("Undefined macro 'late'");
    }

    @Test
    void appendOrOverrideNamingAnotherSource_isRejected() {
        assertThat(errors("a.yaml", rule("R", "ct.name = x"),
                "b.yaml", "- rule: R\n  condition: or ct.name = y\n  source: k8s_audit\n  override:\n"
                        + "    condition: append\n"))
                .singleElement().asString().startsWith("b.yaml:3:").contains("Rule has been re-defined with a "
                        + "different source");
        assertThat(errors("a.yaml", rule("R", "ct.name = x"),
                "b.yaml", "- rule: R\n  condition: or ct.name = y\n  source: k8s_audit\n  append: true\n"))
                .singleElement().asString().contains("Rule has been re-defined with a different source");
    }

    @Test
    void appendNamingTheRulesOwnSource_orNone_isAccepted() throws Exception {
        assertThat(compile("a.yaml", rule("R", "ct.name = x"), "b.yaml",
                "- rule: R\n  condition: or ct.name = y\n  source: aws_cloudtrail\n  override:\n    condition: append\n")
                .rules().get(0).conditionText()).contains("ct.name = y");
        assertThat(compile("a.yaml", rule("R", "ct.name = x").replace("  source: aws_cloudtrail\n", ""), "b.yaml",
                "- rule: R\n  condition: or ct.name = y\n  source: aws_cloudtrail\n  append: true\n")
                .rules().get(0).conditionText()).contains("ct.name = y");
    }

    @Test
    void typedKeysOfSyscallRules_areValidatedEvenHere() {
        assertThat(errors("a.yaml", rule("R", "ct.name = x") + "  capture_duration: soon\n")).singleElement()
                .asString().contains("'capture_duration' must be an unsigned integer");
        assertThat(errors("a.yaml", rule("R", "ct.name = x") + "  capture: maybe\n")).singleElement()
                .asString().contains("'capture' must be true or false");
        assertThat(errors("a.yaml", rule("R", "ct.name = x") + "  warn_evttypes: 3\n")).singleElement()
                .asString().contains("'warn_evttypes' must be true or false");
        assertThat(errors("a.yaml", rule("R", "ct.name = x"), "b.yaml",
                "- rule: R\n  capture_duration: -1\n  override:\n    capture_duration: replace\n")).singleElement()
                .asString().contains("'capture_duration' must be an unsigned integer");
    }

    @Test
    void typedKeysWithValidValues_load() throws Exception {
        assertThat(compile("a.yaml", rule("R", "ct.name = x") + "  capture: true\n  capture_duration: 5000\n"
                + "  warn_evttypes: false\n").ruleCount()).isEqualTo(1);
    }

    @Test
    void exceptionValuesOfAnotherLengthThanFields_areALocatedError_appendedOnesToo() {
        String ex = rule("R", "ct.name = x") + "  exceptions:\n    - name: ex1\n      fields: [ct.user, ct.region]\n";
        assertThat(errors("a.yaml", ex + "      values: [[alice]]\n")).singleElement().asString()
                .startsWith("a.yaml:10:16:").contains("rule 'R', exception 'ex1'")
                .contains("Fields and values lists must have equal length");
        assertThat(errors("a.yaml", ex + "      values: [[alice, us-east-1]]\n", "b.yaml",
                "- rule: R\n  exceptions:\n    - name: ex1\n      values: [[bob, eu-west-1, extra]]\n"
                        + "  override:\n    exceptions: append\n"))
                .singleElement().asString().contains("Fields and values lists must have equal length");
        assertThat(errors("a.yaml", ex + "      values: [alice]\n")).singleElement().asString()
                .contains("Fields and values lists must have equal length");
    }

    @Test
    void valAroundATransformer_isRejected_asFalcoRejectsIt() {
        assertThat(errors("a.yaml", rule("R", "ct.user = val(toupper(ct.name))"))).singleElement().asString()
                .contains("expected a field within 'val' transformer");
        assertThat(matches("ct.user = toupper(ct.user)", record("\"userIdentity\":{\"type\":\"IAMUser\","
                + "\"userName\":\"BOB\"}"))).isTrue();
    }

    @Test
    void constantsLongerThanFalcosBuffer_orHoldingANul_areRejected() {
        assertThat(errors("a.yaml", rule("R", "ct.name = " + "x".repeat(256)))).singleElement().asString()
                .contains("filter parameter too long (used=257, available=256):xxx");
        assertThat(errors("a.yaml", rule("R", "'ct.name = \"a\\x00b\"'"))).singleElement().asString()
                .contains("filter value cannot contain a NUL byte (\\x00)");
        assertThat(matches("ct.name = " + "x".repeat(255), PATHS)).isFalse();
    }

    @Test
    void multiValueTransformers_joinConcatAndGetopt_workAsInFalco() {
        CloudTrailEvent e = record("\"eventName\":\"PutObject\",\"awsRegion\":\"eu-west-1\","
                + "\"requestParameters\":{\"bucketName\":\"logs\",\"key\":\"a.txt\"}");
        assertThat(matches("join(\"/\", (s3.bucket, s3.key)) = logs/a.txt", e)).isTrue();
        assertThat(matches("join(\"-\", (ct.name, evt.num)) = PutObject-1", e)).isTrue();
        assertThat(matches("join(\"-\", (ct.name, ct.error)) exists", e)).as("a missing element").isFalse();
        assertThat(matches("concat(ct.region, \":\", ct.name) = eu-west-1:PutObject", e)).isTrue();
        assertThat(matches("getopt((\"-lpe\", \"/bin/sh\"), \"lp:e:\") intersects (l, p, e)", e)).isTrue();
        assertThat(matches("getopt((\"-t\", \"a\", \"-t\", \"b\"), \"t:\")[t] = b", e)).as("last occurrence").isTrue();
        assertThat(matches("getopt((\"-n\", \"--\", \"-t\"), \"nt:\") intersects (t)", e)).isFalse();
        assertThat(matches("getopt((\"-x\", \"-n\"), \"n\") intersects (\"?\")", e)).as("unknown option").isTrue();
    }

    @Test
    void multiValueTransformers_refuseWrongArguments_withFalcosMessages() {
        assertThat(errors("a.yaml", rule("R", "join(ct.name) = x"))).singleElement().asString()
                .contains("unknown field transfomer 'join'");
        assertThat(errors("a.yaml", rule("R", "join(\"-\", ct.name) = x"))).singleElement().asString()
                .contains("join() second argument must be a list");
        assertThat(errors("a.yaml", rule("R", "concat(ct.name, evt.num) = x"))).singleElement().asString()
                .contains("concat() arguments must be strings");
        assertThat(errors("a.yaml", rule("R", "getopt(ct.name, \"n\") = x"))).singleElement().asString()
                .contains("getopt() first argument must be a list");
        assertThat(errors("a.yaml", rule("R", "getopt((\"-n\"), \"n\")[nn] = x"))).singleElement().asString()
                .contains("getopt() field argument must be a single option character");
        assertThat(errors("a.yaml", rule("R", "toupper(ct.name, ct.user) = x"))).singleElement().asString()
                .contains("unknown multivalue transformer");
        assertThat(errors("a.yaml", rule("R", "toupper(ct.name)[x] = x"))).singleElement().asString()
                .contains("transformer 'toupper' does not support field arguments");
    }
}
