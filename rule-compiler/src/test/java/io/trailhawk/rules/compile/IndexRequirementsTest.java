package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link RequiredValues} and {@link OtherFieldRequirement}: what the rule index may key a rule by. */
class IndexRequirementsTest {
    private final ConditionFixture fixture = ConditionFixture.empty();

    private Condition planned(String condition) {
        return IcontainsFusion.of(fixture.simplified(condition));
    }

    @Test
    void anAnd_requiresWhatAnyChildRequires_andTwoChildrenTheirCommonNames() {
        assertThat(RequiredValues.NAME.required(planned("ct.name in (A, B) and ct.name in (B, C)"))).containsExactly("B");
        assertThat(RequiredValues.NAME.required(planned("ct.region = x and ct.name = A"))).containsExactly("A");
    }

    @Test
    void anOr_requiresSomething_onlyWhenEveryChildDoes() {
        assertThat(RequiredValues.NAME.required(planned("ct.name = A or ct.name = B"))).containsExactly("A", "B");
        assertThat(RequiredValues.NAME.required(planned("ct.name = A or ct.region = x"))).isNull();
    }

    @Test
    void notAndFieldComparisons_requireNothing() {
        assertThat(RequiredValues.NAME.required(planned("not ct.name = A"))).isNull();
        assertThat(RequiredValues.NAME.required(planned("ct.name = val(ct.src)"))).isNull();
    }

    @Test
    void aConditionThatCannotHold_requiresTheEmptySet() {
        assertThat(RequiredValues.NAME.required(planned("ct.name in ()"))).isEmpty();
    }

    @Test
    void theEventNameIsRequired_throughAJsonPointerToo() {
        assertThat(RequiredValues.NAME.required(planned("json.value[/eventName] = A"))).containsExactly("A");
        assertThat(RequiredValues.SOURCE.required(planned("ct.src = s3.amazonaws.com"))).containsExactly("s3.amazonaws.com");
    }

    @Test
    void anotherStringField_keysARule_byEqualityFirst_thenBySubstrings() {
        FieldRequirement eq = OtherFieldRequirement.of(planned("ct.useragent contains x and ct.user.identitytype = Root"));
        assertThat(eq.kind()).isEqualTo(FieldRequirement.Kind.EQUALS);
        assertThat(eq.field()).isEqualTo("ct.user.identitytype");
        FieldRequirement sub = OtherFieldRequirement.of(planned("ct.useragent icontains a or ct.useragent icontains b "
                + "or ct.useragent icontains c"));
        assertThat(sub.kind()).isEqualTo(FieldRequirement.Kind.CONTAINS);
        assertThat(sub.values()).containsExactly("a", "b", "c");
    }

    @Test
    void aConditionOnNoPlainStringField_hasNoOtherRequirement() {
        assertThat(OtherFieldRequirement.of(planned("evt.num > 3"))).isNull();
        assertThat(OtherFieldRequirement.of(planned("tolower(ct.user) = root"))).isNull();
    }
}
