package io.trailhawk.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ControlRecordCheckTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainFileNames_areKeys() {
        assertThat(ControlRecordCheck.keyProblem(utf8("50-my rules.yaml"))).isNull();
        assertThat(ControlRecordCheck.keyProblem(utf8("règles.yml"))).isNull();
    }

    @Test
    void documentsOfOtherKinds_areKeyedByTheirPrefix_andOtherPathsAreNotKeys() {
        assertThat(ControlRecordCheck.keyProblem(utf8("selection/quiet.yaml"))).isNull();
        assertThat(ControlRecordCheck.keyProblem(utf8("promotion/S3 Bucket / Policy Changed"))).isNull();
        assertThat(ControlRecordCheck.keyProblem(utf8("rollback/12"))).isNull();
        assertThat(ControlRecordCheck.keyProblem(utf8("rollback/latest"))).contains("rollback/VERSION");
        assertThat(ControlRecordCheck.keyProblem(utf8("selection/a/b.yaml"))).contains("named like a rule file");
        assertThat(ControlRecordCheck.keyProblem(utf8("promotion/"))).contains("names no promotion");
        assertThat(ControlRecordCheck.keyProblem(utf8("promotion/a\u0001"))).contains("control characters");
        assertThat(ControlRecordCheck.keyProblem(utf8("rules/a.yaml"))).contains("not a rule file name");
    }

    @Test
    void pathsHiddenNamesControlCharactersAndOverlongNames_areNotKeys() {
        assertThat(ControlRecordCheck.keyProblem(null)).contains("no key");
        assertThat(ControlRecordCheck.keyProblem(new byte[0])).contains("no key");
        assertThat(ControlRecordCheck.keyProblem(utf8("../../etc/passwd"))).contains("not a rule file name");
        assertThat(ControlRecordCheck.keyProblem(utf8("a\\b.yaml"))).contains("path separators");
        assertThat(ControlRecordCheck.keyProblem(utf8(".hidden.yaml"))).contains("must not start with '.'");
        assertThat(ControlRecordCheck.keyProblem(utf8("a\u0000.yaml"))).contains("\\u0000");
        assertThat(ControlRecordCheck.keyProblem(utf8("a\tb.yaml"))).contains("control characters");
        assertThat(ControlRecordCheck.keyProblem(utf8("x".repeat(256)))).contains("at most 255");
        assertThat(ControlRecordCheck.keyProblem(new byte[] {'a', (byte) 0xff})).contains("not UTF-8");
    }

    @Test
    void valuesOverTheLimitOrNotUtf8_areRefused_withWhere() {
        assertThat(ControlRecordCheck.valueProblem(null, 10)).as("a delete").isNull();
        assertThat(ControlRecordCheck.valueProblem(utf8("- rule: ü"), 64)).isNull();
        assertThat(ControlRecordCheck.valueProblem(new byte[11], 10)).contains("11 bytes").contains("at most 10");
        byte[] latin1 = "- rule: m\u00fcller".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ControlRecordCheck.valueProblem(latin1, 64)).contains("not UTF-8").contains("offset 9");
        byte[] longValid = utf8("é".repeat(20_000));
        assertThat(ControlRecordCheck.valueProblem(longValid, 1 << 20)).isNull();
        longValid[39_999] = (byte) 0xc3;
        assertThat(ControlRecordCheck.valueProblem(longValid, 1 << 20)).contains("offset 39998");
    }
}
