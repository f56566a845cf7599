package io.trailhawk.rules;

import static io.trailhawk.rules.RulesetFixture.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.load.RulesFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every load or compile error reads FILE:LINE:COL, names the item, and rejects the whole ruleset. */
class ErrorMessagesTest {
    private static final String GOOD = "- rule: Good\n  desc: d\n  condition: ct.name = X\n  output: o\n"
            + "  priority: INFO\n";

    @Test
    void yaml_notAListOfMaps() {
        assertThat(errors("a.yaml", "rule: x\n")).containsExactly(
                "a.yaml:1:1: error: Rules content is not yaml array of objects");
        assertThat(errors("a.yaml", "- just a string\n")).containsExactly(
                "a.yaml:1:3: error: Unexpected element type. Each element should be a yaml associative array.");
        assertThat(errors("a.yaml", "just a string\n")).containsExactly("a.yaml:1:1: error: Rules content is not yaml");
    }

    @Test
    void yaml_syntaxErrorHasPosition() {
        assertThat(errors("a.yaml", "- rule: x\n  desc: [unclosed\n")).singleElement()
                .asString().startsWith("a.yaml:3:1: error: invalid YAML:");
    }

    @Test
    void unknownField_pointsAtTheField() {
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ct.name = X and ct.nmae = Y"))).containsExactly(
                "a.yaml:3:30: error: rule 'Good': filter_check called with nonexistent field ct.nmae");
    }

    @Test
    void unknownFieldInFoldedCondition_pointsAtItsLine() {
        String rules = "- rule: Folded\n  desc: d\n  condition: >\n    ct.name = X and\n    ct.bogus exists\n"
                + "  output: o\n  priority: INFO\n";
        assertThat(errors("f.yaml", rules)).containsExactly("f.yaml:5:5: error: rule 'Folded': filter_check called with nonexistent field ct.bogus");
    }

    @Test
    void unknownOperator() {
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ct.name like X"))).containsExactly(
                "a.yaml:3:22: error: rule 'Good': expected a valid check operator: one of 'exists', '<=', '<', "
                        + "'>=', '>', '==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', "
                        + "'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', 'in', 'pmatch'");
    }

    @Test
    void undefinedMacro() {
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ct.name = X and is_admin"))).containsExactly(
                "a.yaml:3:30: error: rule 'Good': Undefined macro 'is_admin' used in filter.");
    }

    @Test
    void macroDefinedInALaterFile_isUndefinedWhenTheEarlierFileLoads() {
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "later"), "b.yaml", "- macro: later\n  condition: ct.name = X\n"))
                .containsExactly("a.yaml:3:14: error: rule 'Good': Undefined macro 'later' used in filter.");
    }

    @Test
    void macroLoop() {
        assertThat(errors("a.yaml", "- macro: a\n  condition: ct.name = X\n- macro: b\n  condition: a or b\n"
                + GOOD.replace("ct.name = X", "b"))).anyMatch(e -> e.contains("macro 'b'"));
    }

    @Test
    void appendWithNothingToAppendTo() {
        assertThat(errors("a.yaml", "- list: nothing\n  items: [a]\n  append: true\n")).containsExactly(
                "a.yaml:1:3: error: list 'nothing': List uses 'append' or 'override.items: append' but no list by "
                        + "that name already exists");
        assertThat(errors("a.yaml", "- macro: nothing\n  condition: ct.name = X\n  override:\n    condition: append\n"))
                .containsExactly("a.yaml:1:3: error: macro 'nothing': Macro uses 'append' or 'override.condition: "
                        + "append' but no macro by that name already exists");
        assertThat(errors("a.yaml", "- rule: Nothing\n  condition: and ct.name = X\n  append: true\n"))
                .containsExactly("a.yaml:1:3: error: rule 'Nothing': Rule uses 'append' or 'override.<key>: append' "
                        + "but no rule by that name already exists");
        assertThat(errors("a.yaml", "- rule: Nothing\n  condition: and ct.name = X\n  override:\n    condition: append\n"))
                .containsExactly("a.yaml:1:3: error: rule 'Nothing': Rule uses 'append' or 'override.<key>: append' "
                        + "but no rule by that name already exists");
    }

    @Test
    void overrideValidation() {
        assertThat(errors("a.yaml", GOOD, "b.yaml", "- rule: Good\n  priority: ERROR\n  override:\n    priority: append\n"))
                .containsExactly("b.yaml:4:5: error: rule 'Good': Key 'priority' cannot be appended to, use 'replace' instead");
        assertThat(errors("a.yaml", GOOD, "b.yaml", "- rule: Good\n  condition: x\n  output: y\n  override:\n    condition: append\n"))
                .containsExactly("b.yaml:3:3: error: rule 'Good': Unexpected key 'output': no corresponding entry under "
                        + "'override' is defined.");
        assertThat(errors("a.yaml", GOOD, "b.yaml", "- rule: Good\n  override:\n    desc: replace\n"))
                .containsExactly("b.yaml:1:3: error: rule 'Good': An replace override for 'desc' was specified but 'desc' "
                        + "is not defined");
        assertThat(errors("a.yaml", GOOD, "b.yaml", "- rule: Good\n  condition: x\n  append: true\n  override:\n"
                + "    condition: append\n")).singleElement().asString().contains("cannot be used together");
        assertThat(errors("a.yaml", GOOD, "b.yaml", "- rule: Good\n  desc: x\n  override:\n    desc: merge\n"))
                .singleElement().asString().contains("Invalid override operation for key 'desc'");
    }

    @Test
    void typeMismatch() {
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "s3.bytes > abc"))).singleElement().asString()
                .startsWith("a.yaml:3:25: error: rule 'Good': expected a number value or a field with a valid "
                        + "transformer");
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "s3.bytes = abc"))).containsExactly(
                "a.yaml:3:25: error: rule 'Good': abc is not a valid number");
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "s3.bytes >= 0x80A"))).containsExactly(
                "a.yaml:3:26: error: rule 'Good': 0x80A is not a valid number");
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "s3.bytes contains 1"))).singleElement().asString()
                .startsWith("a.yaml:3:23: error: rule 'Good': 'contains' operator not supported for numeric filters");
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ec2.imageids = ami-1"))).singleElement().asString()
                .startsWith("a.yaml:3:27: error: rule 'Good': '=' operator not supported list filters");
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ct.name = val(s3.bytes)"))).containsExactly(
                "a.yaml:3:24: error: rule 'Good': field 'ct.name' has type 'CHARBUF' while the right-hand side field "
                        + "'s3.bytes' has incompatible type 'UINT64'");
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ct.name bcontains 4142"))).singleElement().asString()
                .contains("'bcontains' operator not supported for string filters");
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "len(s3.bytes) > 1"))).singleElement().asString()
                .contains("can't add field transformer: type 'UINT64' is not supported by 'len' transformer applied on field "
                        + "'s3.bytes'");
    }

    @Test
    void invalidRegex() {
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ct.name regex '(unclosed'"))).singleElement()
                .asString().startsWith("a.yaml:3:28: error: rule 'Good': invalid regex pattern: missing ): (unclosed");
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ct.name regex a\\dz"))).singleElement()
                .asString().endsWith("invalid regex pattern: invalid escape sequence: \\d");
    }

    @Test
    void invalidOutputToken() {
        assertThat(errors("a.yaml", GOOD.replace("output: o", "output: user=%ct.usr"))).containsExactly(
                "a.yaml:4:16: error: rule 'Good': invalid formatting token '%ct.usr': not a known field");
    }

    @Test
    void missingKeysAndBadPriority() {
        assertThat(errors("a.yaml", "- rule: R\n  desc: d\n  condition: ct.name = X\n  priority: WARNING\n"))
                .containsExactly("a.yaml:1:3: error: rule 'R': Item has no mapping for key 'output'");
        assertThat(errors("a.yaml", GOOD.replace("INFO", "SEVERE"))).containsExactly(
                "a.yaml:5:13: error: rule 'Good': Invalid priority 'SEVERE': use one of Emergency, Alert, Critical, "
                        + "Error, Warning, Notice, Informational (or Info), Debug");
    }

    @Test
    void exceptionValidation() {
        assertThat(errors("a.yaml", GOOD + "  exceptions:\n    - name: e\n      fields: [ct.user, ct.region]\n"
                + "      comps: [=]\n      values: []\n")).singleElement().asString()
                .isEqualTo("a.yaml:9:14: error: rule 'Good', exception 'e': Fields and comps lists must have equal length");
        assertThat(errors("a.yaml", GOOD + "  exceptions:\n    - name: e\n      fields: ct.user\n      comps: =\n"))
                .singleElement().asString().contains("When fields is a single value, comps must be one of (in, pmatch, "
                        + "intersects)");
        assertThat(errors("a.yaml", GOOD + "  exceptions:\n    - name: e\n      fields: [ct.nope]\n      values: [[a]]\n"))
                .containsExactly("a.yaml:7:7: error: rule 'Good', exception 'e': 'ct.nope' is not a supported filter "
                        + "field");
    }

    @Test
    void redefinitionWithDifferentSource() {
        assertThat(errors("a.yaml", GOOD + "  source: aws_cloudtrail\n", "b.yaml", GOOD + "  source: k8s_audit\n"))
                .singleElement().asString().isEqualTo("b.yaml:1:3: error: rule 'Good': Rule has been re-defined with a "
                        + "different source ('aws_cloudtrail' before, 'k8s_audit' now)");
    }

    @Test
    void seedLambdaRuleAsPublished_isRejectedWithItsMissingKeys() throws Exception {
        RulesFile mangled = RulesFile.read(Path.of("src/test/resources/seeds/lambda-persistence-as-published.yaml"));
        try {
            RuleCompiler.builder().build().compile(List.of(mangled));
            throw new AssertionError("the mangled seed rule must be rejected");
        } catch (RuleValidationException e) {
            assertThat(e.errors().stream().map(Object::toString)).containsExactly(
                    mangled.name() + ":1:3: error: rule 'Update Lambda Function Code': Item has no mapping for key 'condition'",
                    mangled.name() + ":1:3: error: rule 'Update Lambda Function Code': Item has no mapping for key 'output'");
        }
    }

    @Test
    void errorsCollectAcrossItemsInAFile() {
        assertThat(errors("a.yaml", GOOD.replace("ct.name = X", "ct.a = 1") + GOOD.replace("Good", "Other")
                .replace("ct.name = X", "ct.b = 2"))).hasSize(2);
    }
}
