package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.parse.CheckExpr;
import io.trailhawk.rules.parse.ConditionParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionWarningsTest {
    private final ConditionWarnings warnings = new ConditionWarnings(FieldRegistry.standard());

    private List<String> of(String check) throws Exception {
        return warnings.of((CheckExpr) ConditionParser.parse(check));
    }

    @Test
    void aConstantNamingAField_evenWithATrailingBlank_warns() throws Exception {
        assertThat(of("ct.user = ct.name")).singleElement().asString()
                .startsWith("'ct.name' may be a valid field misused as a const string value");
        assertThat(of("ct.user = 'ct.name '")).singleElement().asString()
                .startsWith("'ct.name ' may be a valid field misused as a const string value");
        assertThat(of("ct.user in (alice, json.value[/x])")).singleElement().asString()
                .contains("'json.value[/x]' may be a valid field");
        assertThat(of("ct.user = alice")).isEmpty();
        assertThat(of("ct.user = no.such.field")).isEmpty();
    }

    @Test
    void aConstantNamingATransformedField_warns() throws Exception {
        assertThat(of("ct.user = 'toupper(ct.name)'")).singleElement().asString()
                .isEqualTo("'toupper(ct.name)' may be a valid field transformer misused as a const string value");
        assertThat(of("ct.user = 'val(nothing)'")).singleElement().asString().contains("transformer misused");
        assertThat(of("ct.user = 'upper(ct.name)'")).isEmpty();
    }

    @Test
    void aRegexWithoutMetacharacters_warnsThatSimplerOperatorsWouldDo() throws Exception {
        assertThat(of("ct.name regex ListBuckets")).singleElement().asString()
                .startsWith("regex check with 'ListBuckets' may be optimized with simpler operators");
        assertThat(of("ct.name regex 'List.*'")).isEmpty();
    }

    @Test
    void equalityWithNaOnLegacyJsonFields_warns() throws Exception {
        assertThat(of("jevt.value[/user] = <NA>")).singleElement().asString().contains("is unsafe");
        assertThat(of("jevt.value[/user] in (<NA>, x)")).singleElement().asString().contains("is unsafe");
        assertThat(of("json.value[/user] = <NA>")).isEmpty();
        assertThat(of("jevt.value[/user] contains <NA>")).isEmpty();
    }
}
