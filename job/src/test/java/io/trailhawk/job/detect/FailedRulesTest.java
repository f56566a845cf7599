package io.trailhawk.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailedRulesTest {
    @Test
    void everyRuleThatFailedOnAnEvent_isNamedInOneReason_andClearedForTheNext() {
        FailedRules f = new FailedRules();
        f.failed("A", new IllegalStateException("one"));
        f.failed("B", new ArithmeticException("two"));
        assertThat(f.any()).isTrue();
        assertThat(f.rules()).containsExactly("A", "B");
        assertThat(f.reason()).isEqualTo("rule 'A' failed: java.lang.IllegalStateException: one; "
                + "rule 'B' failed: java.lang.ArithmeticException: two");
        f.clear();
        assertThat(f.any()).isFalse();
        assertThat(f.reason()).isEmpty();
    }

    @Test
    void aMemberThatIsMalformedWhenRead_isTheRecordsFault_andIsThrownOn() {
        FailedRules f = new FailedRules();
        assertThatThrownBy(() -> f.failed("A", new UncheckedIOException(new IOException("bad member"))))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(f.any()).isFalse();
    }
}
