package io.trailhawk.rules.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.diag.Issue;
import org.junit.jupiter.api.Test;

class TypeCheckTest {
    private final ConditionFixture fixture = ConditionFixture.empty();

    @Test
    void everyCheck_becomesTyped_withItsFieldsType() {
        TypeCheck.Result r = fixture.typeChecked("ct.name = A and not ec2.imageids intersects (x)");
        assertThat(r.errors).isEmpty();
        assertThat(r.condition.orElseThrow().toString())
                .isEqualTo("and(ct.name = A : string, not(ec2.imageids intersects (x) : list))");
    }

    @Test
    void errorsAreValues_everyOneListed_andNothingIsReported() {
        TypeCheck.Result r = fixture.typeChecked("ct.nosuch = A or evt.is_async contains x");
        assertThat(r.condition).isEmpty();
        assertThat(r.errors).hasSize(2);
        assertThat(r.unknownField).isTrue();
        assertThat(fixture.diag.all()).isEmpty();
    }

    @Test
    void aTypeError_isNotAnUnknownField() {
        TypeCheck.Result r = fixture.typeChecked("ct.name contains anyof (a) and evt.is_async = maybe");
        assertThat(r.unknownField).isFalse();
        assertThat(r.errors).extracting(Issue::message)
                .containsExactly("'maybe' is not a bool value for evt.is_async (use true or false)");
    }

    @Test
    void warnings_areListed_notReported() {
        TypeCheck.Result r = fixture.typeChecked("ct.user = ct.name");
        assertThat(r.errors).isEmpty();
        assertThat(r.warnings).hasSize(1);
        assertThat(r.warnings.get(0).message()).startsWith("'ct.name' may be a valid field");
        assertThat(fixture.diag.all()).isEmpty();
    }

    @Test
    void theRecordPathsEveryFieldReads_areCollected() {
        TypeCheck.Result r = fixture.typeChecked("ct.name = A and json.value[/requestParameters/bucketName] = b");
        assertThat(r.reads).isNotEmpty();
    }
}
