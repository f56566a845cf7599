package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.rules.load.AccountTable;
import io.trailhawk.rules.load.RulesFile;
import org.junit.jupiter.api.Test;

/** Account tables: names for account ids, read with located errors; a later table's row wins. */
class AccountTableTest {
    private static AccountTable read(String name, String yaml) throws RuleValidationException {
        return RuleCompiler.builder().build().readAccounts(RulesFile.of(name, yaml));
    }

    private static String firstIssue(String yaml) {
        try {
            read("accounts/org.yaml", yaml);
        } catch (RuleValidationException e) {
            return e.issues().get(0).toString();
        }
        throw new AssertionError("no error");
    }

    @Test
    void rowsGiveNameEnvironmentAndOwner_andAnAccountNotListedIsKnownByItsIdAlone() throws Exception {
        AccountTable t = read("accounts/org.yaml", "- account: \"011122223333\"\n  name: payments-prod\n"
                + "  environment: prod\n  owner: payments\n- account: '444455556666'\n  name: sandbox\n");
        assertThat(t.get("011122223333").name()).isEqualTo("payments-prod");
        assertThat(t.get("011122223333").environment()).isEqualTo("prod");
        assertThat(t.get("444455556666").owner()).isNull();
        assertThat(t.get("999999999999").name()).isNull();
        assertThat(t.get("999999999999").id()).isEqualTo("999999999999");
        AccountTable later = t.then(read("accounts/z.yaml", "- account: '444455556666'\n  name: renamed\n"));
        assertThat(later.get("444455556666").name()).isEqualTo("renamed");
        assertThat(later.size()).isEqualTo(2);
    }

    @Test
    void aMalformedTable_isAnErrorAtItsPosition() {
        assertThat(firstIssue("- account: 11112222333\n  name: x\n")).startsWith("accounts/org.yaml:1:12:")
                .contains("is not a 12-digit AWS account id");
        assertThat(firstIssue("- account: '111122223333'\n  nmae: x\n")).startsWith("accounts/org.yaml:2:3:")
                .contains("not 'nmae'");
        assertThat(firstIssue("- account: '111122223333'\n")).contains("needs a name");
        assertThat(firstIssue("- account: '111122223333'\n  name: a\n- account: '111122223333'\n  name: b\n"))
                .startsWith("accounts/org.yaml:3:3:").contains("listed twice");
        assertThat(firstIssue("accounts: []\n")).contains("is a list of account items");
        assertThat(firstIssue("- account: '111122223333'\n  name: a\n  name: b\n")).startsWith("accounts/org.yaml:3:3:")
                .contains("given twice");
        assertThat(firstIssue("- account: '111122223333'\n  name: " + "x".repeat(300) + "\n")).contains("1 to 256");
        assertThat(firstIssue("- [unclosed\n")).contains("invalid YAML");
        assertThatThrownBy(() -> read("a", "- &a [*a]\n")).isInstanceOf(RuleValidationException.class);
    }
}
