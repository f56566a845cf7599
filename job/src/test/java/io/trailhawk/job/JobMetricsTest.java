package io.trailhawk.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobMetricsTest {
    @Test
    void ruleIds_areTheNamesLettersAndDigitsInCamelCase() {
        assertThat(JobMetrics.ruleId("Trail Stopped")).isEqualTo("TrailStopped");
        assertThat(JobMetrics.ruleId("S3 bucket ACL changed (public)")).isEqualTo("S3BucketACLChanged Public"
                .replace(" ", ""));
        assertThat(JobMetrics.ruleId("Console login w/o MFA: root-user")).isEqualTo("ConsoleLoginWOMFARootUser");
        assertThat(JobMetrics.ruleId("Règle — été")).isEqualTo("RGleT");
        assertThat(JobMetrics.ruleId("!!!")).isEqualTo("Unnamed");
    }

    @Test
    void ruleIds_areAtMost64Characters_andDependOnTheNameAlone() {
        String longName = "word ".repeat(40);
        assertThat(JobMetrics.ruleId(longName)).hasSize(64).matches("[A-Za-z0-9]+");
        assertThat(JobMetrics.ruleId("Trail Stopped")).isEqualTo(JobMetrics.ruleId("Trail Stopped"));
    }
}
