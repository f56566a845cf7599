package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IcontainsFusionTest {
    private final ConditionFixture fixture = ConditionFixture.empty();

    private String fused(String condition) {
        return IcontainsFusion.of(fixture.simplified(condition)).toString();
    }

    @Test
    void threeChecksOnOneField_becomeOneFusedCheck_first_withTheirValuesInOrder() {
        assertThat(fused("ct.useragent icontains boto or ct.useragent icontains curl "
                + "or ct.name = X or ct.useragent icontains nmap"))
                .isEqualTo("or(ct.useragent icontains any of (boto, curl, nmap), ct.name = X : string)");
    }

    @Test
    void twoChecksOnOneField_stayInPlace() {
        assertThat(fused("ct.useragent icontains boto or ct.name = X or ct.useragent icontains curl"))
                .isEqualTo("or(ct.useragent icontains boto : string, ct.name = X : string, "
                        + "ct.useragent icontains curl : string)");
    }

    @Test
    void fieldComparisonsAndTransformers_areNotFused() {
        String condition = "ct.useragent icontains val(ct.user) or ct.useragent icontains val(ct.name) "
                + "or ct.useragent icontains val(ct.region) or tolower(ct.useragent) icontains g "
                + "or tolower(ct.useragent) icontains h or tolower(ct.useragent) icontains i";
        assertThat(fused(condition)).doesNotContain("any of");
    }

    @Test
    void eachFieldGetsItsOwnFusedCheck() {
        assertThat(fused("ct.useragent icontains a or ct.user icontains b or ct.useragent icontains c "
                + "or ct.user icontains d or ct.useragent icontains e or ct.user icontains f"))
                .isEqualTo("or(ct.useragent icontains any of (a, c, e), ct.user icontains any of (b, d, f))");
    }

    @Test
    void checksFromAMacroInsideTheRulesOr_areFusedWithTheRulesOwn() {
        ConditionFixture withMacro = ConditionFixture.of("- macro: scanners\n"
                + "  condition: ct.useragent icontains nmap or ct.useragent icontains masscan\n");
        String plan = IcontainsFusion.of(withMacro.simplified("scanners or ct.useragent icontains sqlmap")).toString();
        assertThat(plan).isEqualTo("ct.useragent icontains any of (nmap, masscan, sqlmap)");
    }
}
