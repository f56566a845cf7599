package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.parse.ConditionParser;
import io.trailhawk.rules.parse.Expr;
import io.trailhawk.rules.parse.LogicalExpr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcontainsFusionTest {

    private static IcontainsFusion.Split split(String condition) throws Exception {
        return IcontainsFusion.split((LogicalExpr) ConditionParser.parse(condition));
    }

    private static List<String> texts(List<Expr> exprs) {
        List<String> out = new ArrayList<>();
        exprs.forEach(e -> out.add(e.toString()));
        return out;
    }

    @Test
    void threeChecksOnOneField_formOneGroup_withTheirValuesInOrder() throws Exception {
        IcontainsFusion.Split s = split("ct.useragent icontains boto or ct.useragent icontains curl "
                + "or ct.name = X or ct.useragent icontains nmap");
        assertThat(s.groups).hasSize(1);
        assertThat(s.groups.get(0).field.toString()).isEqualTo("ct.useragent");
        assertThat(s.groups.get(0).needles()).containsExactly("boto", "curl", "nmap");
        assertThat(s.rest).hasSize(1);
    }

    @Test
    void twoChecksOnOneField_stayInPlace() throws Exception {
        IcontainsFusion.Split s = split("ct.useragent icontains boto or ct.name = X or ct.useragent icontains curl");
        assertThat(s.groups).isEmpty();
        assertThat(s.rest).hasSize(3);
        assertThat(texts(s.rest).get(1)).contains("ct.name");
    }

    @Test
    void fieldComparisonsAndTransformers_areNotFused() throws Exception {
        IcontainsFusion.Split s = split("ct.useragent icontains val(ct.user) or ct.useragent icontains val(ct.name) "
                + "or ct.useragent icontains val(ct.region) or tolower(ct.useragent) icontains g "
                + "or tolower(ct.useragent) icontains h or tolower(ct.useragent) icontains i");
        assertThat(s.groups).isEmpty();
        assertThat(s.rest).hasSize(6);
    }

    @Test
    void eachFieldGetsItsOwnGroup() throws Exception {
        IcontainsFusion.Split s = split("ct.useragent icontains a or ct.user icontains b or ct.useragent icontains c "
                + "or ct.user icontains d or ct.useragent icontains e or ct.user icontains f");
        assertThat(s.groups).extracting(g -> g.field.toString()).containsExactly("ct.useragent", "ct.user");
        assertThat(s.rest).isEmpty();
    }
}
