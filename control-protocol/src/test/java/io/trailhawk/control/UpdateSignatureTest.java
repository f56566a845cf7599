package io.trailhawk.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpdateSignatureTest {
    @Test
    void sign_isLowercaseHexHmacSha256OfTheValue() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(UpdateSignature.sign("Jefe", "ignored.yaml",
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verify_acceptsOnlyTheRightKeyValueAndName() {
        byte[] v = "- list: x\n  items: []\n".getBytes(StandardCharsets.UTF_8);
        byte[] good = UpdateSignature.sign("k", "a.yaml", v).getBytes(StandardCharsets.US_ASCII);
        assertThat(UpdateSignature.verify("k", "a.yaml", v, good)).isTrue();
        assertThat(UpdateSignature.verify("k", "a.yaml", v, "00".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(UpdateSignature.verify("other", "a.yaml", v, good)).isFalse();
        assertThat(UpdateSignature.verify("k", "a.yaml", "changed".getBytes(StandardCharsets.UTF_8), good)).isFalse();
        assertThat(UpdateSignature.verify("k", "a.yaml", v, null)).isFalse();
    }

    @Test
    void deletes_signTheKey_soASignatureCannotDeleteAnotherFile() {
        byte[] sig = UpdateSignature.sign("k", "a.yaml", null).getBytes(StandardCharsets.US_ASCII);
        assertThat(UpdateSignature.verify("k", "a.yaml", null, sig)).isTrue();
        assertThat(UpdateSignature.verify("k", "b.yaml", null, sig)).isFalse();
    }
}
