package io.trailhawk.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.control.ControlRecord.Action;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlRecordSignatureTest {
    private static final byte[] YAML = "- list: x\n  items: []\n".getBytes(StandardCharsets.UTF_8);
    private static final SigningKey SHARED = SigningKey.hmac(TrustedKeys.DEFAULT_ID, "s3cret");
    private static final TrustedKeys TRUSTS_SHARED = TrustedKeys.parse(null, "s3cret");

    private static ControlRecord.Read read(ProducerRecord<byte[], byte[]> r) {
        return ControlRecord.fromKafka(new String(r.key(), StandardCharsets.UTF_8), r.value(), r.headers());
    }

    private static ControlRecord.Read readAs(ProducerRecord<byte[], byte[]> r, String name, String header,
            String value) {
        RecordHeaders h = new RecordHeaders(r.headers().toArray());
        if (header != null) {
            h.remove(header);
            h.add(header, value.getBytes(StandardCharsets.US_ASCII));
        }
        return ControlRecord.fromKafka(name, r.value(), h);
    }

    private static ProducerRecord<byte[], byte[]> put(SigningKey key, long sequence) {
        return new ControlRecord(ControlRecord.RULES_KIND, Action.PUT, "a.yaml", sequence, YAML).toKafka("t", key);
    }

    @Test
    void aSignedPut_isAccepted_andEveryCoveredPartChangedIsRefused() {
        ProducerRecord<byte[], byte[]> r = put(SHARED, 7);
        assertThat(read(r).authenticationProblem(TRUSTS_SHARED)).isNull();
        assertThat(readAs(r, "b.yaml", null, null).authenticationProblem(TRUSTS_SHARED))
                .as("renamed").startsWith("invalid signature");
        assertThat(readAs(r, "a.yaml", ControlRecord.SEQUENCE_HEADER, "8").authenticationProblem(TRUSTS_SHARED))
                .as("another sequence").startsWith("invalid signature");
        ControlRecord.Read changed = ControlRecord.fromKafka("a.yaml", "- list: y\n  items: []\n"
                .getBytes(StandardCharsets.UTF_8), r.headers());
        assertThat(changed.authenticationProblem(TRUSTS_SHARED)).as("other content").startsWith("invalid signature");
    }

    @Test
    void aSignedDelete_coversItsName_soItCannotDeleteAnotherFile() {
        ProducerRecord<byte[], byte[]> d = new ControlRecord(ControlRecord.RULES_KIND, Action.DELETE, "a.yaml", 9, null)
                .toKafka("t", SHARED);
        assertThat(d.value()).as("an empty value, not a tombstone compaction would drop").isEmpty();
        assertThat(read(d).record.action()).isEqualTo(Action.DELETE);
        assertThat(read(d).authenticationProblem(TRUSTS_SHARED)).isNull();
        assertThat(readAs(d, "b.yaml", null, null).authenticationProblem(TRUSTS_SHARED)).startsWith("invalid");
        assertThat(readAs(d, "a.yaml", ControlRecord.ACTION_HEADER, "put").problem)
                .as("a put needs content; an empty put of the delete's bytes would not verify either").isNull();
        assertThat(readAs(d, "a.yaml", ControlRecord.ACTION_HEADER, "put").authenticationProblem(TRUSTS_SHARED))
                .startsWith("invalid signature");
    }

    @Test
    void anEcdsaKey_signs_andTheJobHoldsOnlyItsPublicHalf(@TempDir Path dir) throws Exception {
        SigningKey.GeneratedKey g = SigningKey.generate("ops-2026");
        Path pem = dir.resolve("push.pem");
        Files.writeString(pem, g.privatePem);
        SigningKey key = SigningKey.ecdsa("ops-2026", pem);
        TrustedKeys trusted = TrustedKeys.parse(g.trustedEntry, null);
        assertThat(g.trustedEntry).startsWith("ops-2026:ecdsa-p256:").doesNotContain("PRIVATE");
        ProducerRecord<byte[], byte[]> r = put(key, 3);
        assertThat(read(r).authenticationProblem(trusted)).isNull();
        assertThat(readAs(r, "b.yaml", null, null).authenticationProblem(trusted)).startsWith("invalid signature");
        assertThat(readAs(r, "a.yaml", ControlRecord.SIGNATURE_HEADER, "00ff").authenticationProblem(trusted))
                .startsWith("invalid signature");
        assertThat(read(put(SigningKey.hmac("ops-2026", "guess"), 3)).authenticationProblem(trusted))
                .as("an HMAC under the public key's id").startsWith("invalid signature");
    }

    @Test
    void keysRotate_byKeyId_andAnUntrustedIdIsNamed(@TempDir Path dir) throws Exception {
        SigningKey.GeneratedKey old = SigningKey.generate("old");
        SigningKey.GeneratedKey next = SigningKey.generate("new");
        Files.writeString(dir.resolve("old.pem"), old.privatePem);
        Files.writeString(dir.resolve("new.pem"), next.privatePem);
        TrustedKeys both = TrustedKeys.parse(old.trustedEntry + ", " + next.trustedEntry, null);
        assertThat(both.ids()).containsExactly("old", "new");
        assertThat(read(put(SigningKey.ecdsa("old", dir.resolve("old.pem")), 1)).authenticationProblem(both)).isNull();
        assertThat(read(put(SigningKey.ecdsa("new", dir.resolve("new.pem")), 2)).authenticationProblem(both)).isNull();
        TrustedKeys onlyNew = TrustedKeys.parse(next.trustedEntry, null);
        assertThat(read(put(SigningKey.ecdsa("old", dir.resolve("old.pem")), 3)).authenticationProblem(onlyNew))
                .isEqualTo("signed with key 'old', which is not trusted (trusted: new)");
    }

    @Test
    void unsignedAndPreSequenceRecords_areRefusedWhereSignaturesAreRequired() {
        assertThat(read(put(null, 1)).authenticationProblem(TRUSTS_SHARED)).startsWith("unsigned control record");
        assertThat(read(put(null, 1)).authenticationProblem(TrustedKeys.none())).isNull();
        RecordHeaders v1 = new RecordHeaders();
        v1.add(ControlRecord.SIGNATURE_HEADER, "5bdcc146".getBytes(StandardCharsets.US_ASCII));
        assertThat(ControlRecord.fromKafka("a.yaml", YAML, v1).authenticationProblem(TRUSTS_SHARED))
                .contains("without a trailhawk-sequence header");
    }

    @Test
    void recordsWithoutHeaders_readAsBefore_aNullValueDeletes() {
        assertThat(ControlRecord.fromKafka("a.yaml", null, new RecordHeaders()).record.action())
                .isEqualTo(Action.DELETE);
        assertThat(ControlRecord.fromKafka("a.yaml", YAML, null).record.action()).isEqualTo(Action.PUT);
        assertThat(ControlRecord.fromKafka("a.yaml", YAML, null).record.sequence())
                .isEqualTo(ControlRecord.NO_SEQUENCE);
    }

    @Test
    void headersThatMakeNoSense_areProblems() {
        ProducerRecord<byte[], byte[]> r = put(null, 1);
        assertThat(readAs(r, "a.yaml", ControlRecord.KIND_HEADER, "selectors").problem)
                .startsWith("unknown document kind 'selectors'");
        assertThat(readAs(r, "a.yaml", ControlRecord.ACTION_HEADER, "upsert").problem)
                .contains("put, shadow, reset or delete");
        assertThat(readAs(r, "a.yaml", ControlRecord.SEQUENCE_HEADER, "-4").problem).contains("positive");
        assertThat(readAs(r, "a.yaml", ControlRecord.SEQUENCE_HEADER, "soon").problem).contains("positive");
        assertThat(readAs(r, "a.yaml", ControlRecord.ACTION_HEADER, "delete").problem)
                .contains("a delete carries none");
    }

    @Test
    void documentsOfOtherKinds_haveKeysOfTheirOwn_thatTheKindHeaderMustAgreeWith() {
        ProducerRecord<byte[], byte[]> sel = new ControlRecord("selection", Action.PUT, "selection/quiet.yaml", 3,
                YAML).toKafka("t", null);
        assertThat(read(sel).problem).isNull();
        assertThat(read(sel).record.kind()).isEqualTo("selection");
        assertThat(readAs(sel, "selection/quiet.yaml", ControlRecord.KIND_HEADER, "rules").problem)
                .contains("is not the key of a rules document");
        assertThat(readAs(put(null, 1), "a.yaml", ControlRecord.KIND_HEADER, "promotion").problem)
                .contains("promotion/NAME");
        assertThat(readAs(sel, "selection/quiet.yaml", ControlRecord.ACTION_HEADER, "shadow").problem)
                .contains("only a rule file can be put in shadow");
        assertThat(readAs(put(null, 1), "a.yaml", ControlRecord.ACTION_HEADER, "shadow").record.action())
                .isEqualTo(Action.SHADOW);
        ProducerRecord<byte[], byte[]> reset = new ControlRecord(ControlRecord.RULES_KIND, Action.RESET, "a.yaml", 5,
                YAML).toKafka("t", null);
        assertThat(reset.value()).as("a reset carries no value").isEmpty();
        assertThat(read(reset).record.action()).isEqualTo(Action.RESET);
        assertThat(readAs(put(null, 1), "a.yaml", ControlRecord.ACTION_HEADER, "reset").problem)
                .contains("a reset with a value");
        assertThat(readAs(sel, "selection/quiet.yaml", ControlRecord.ACTION_HEADER, "reset").problem)
                .contains("only a rule file can be reset");
    }

    @Test
    void aSignedPromotion_isAccepted_andTheSignatureCoversItsKind() {
        ProducerRecord<byte[], byte[]> r = new ControlRecord("promotion", Action.PUT, "promotion/Staged Rule", 4, null)
                .toKafka("t", SHARED);
        assertThat(read(r).problem).isNull();
        assertThat(read(r).authenticationProblem(TRUSTS_SHARED)).isNull();
        ControlRecord.Read asRules = readAs(r, "promotion/Staged Rule", ControlRecord.KIND_HEADER, "rollback");
        assertThat(asRules.problem).contains("is not the key of a rollback document");
    }

    private static String p384PublicKey() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        return java.util.Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
    }

    @Test
    void malformedTrustedKeys_areNamed_withoutTheirSecrets() throws Exception {
        assertThatThrownBy(() -> TrustedKeys.parse("k1:hmac-sha256", null)).hasMessageContaining("'k1'")
                .hasMessageContaining("ID:ALGORITHM:KEY");
        assertThatThrownBy(() -> TrustedKeys.parse("k1:rsa:AAAA", null)).hasMessageContaining("unknown algorithm");
        assertThatThrownBy(() -> TrustedKeys.parse("k1:ecdsa-p256:not-base64!", null))
                .hasMessageContaining("key 'k1' is not a base64 X.509 EC public key");
        assertThatThrownBy(() -> TrustedKeys.parse("k1:hmac-sha256:a,k1:hmac-sha256:b", null))
                .hasMessageContaining("given twice").hasMessageNotContaining(":a");
        assertThatThrownBy(() -> TrustedKeys.parse(null, " ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TrustedKeys.parse("k1:hmac-sha256:   , k2:hmac-sha256:x", null)).hasMessageContaining("k1");
        assertThatThrownBy(() -> TrustedKeys.parse("k1:ecdsa-p256:" + p384PublicKey(), null))
                .hasMessageContaining("is not a P-256 public key");
    }
}
