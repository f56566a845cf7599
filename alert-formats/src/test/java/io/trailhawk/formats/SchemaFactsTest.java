package io.trailhawk.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The fact files' check finds what breaks a schema: so a format that passes it keeps the schema. */
class SchemaFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMissingRequiredAttribute_anUnknownOne_aWrongTypeAndAValueNotAllowed_areEachNamed() throws Exception {
        String finding = "{\"activity_id\":7,\"category_uid\":2,\"class_uid\":2004,\"cloud\":{\"provider\":\"AWS\"},"
                + "\"finding_info\":{\"title\":\"t\"},\"metadata\":{\"product\":{},\"version\":\"1.4.0\"},"
                + "\"severity_id\":\"high\",\"time\":1,\"type_uid\":200401,\"colour\":\"red\"}";
        assertThat(SchemaFacts.of(AlertFormats.OCSF).problems(JSON.readTree(finding))).containsExactlyInAnyOrder(
                "activity_id is 7, not one of [0, 1, 2, 3, 99]",
                "finding_info.uid is required",
                "severity_id is \"high\", not a integer",
                "colour is not in ocsf-1.4.0-detection_finding.tsv");
    }

    @Test
    void lengthsAndItemCountsAreBounded_andTimestampsMustParse() throws Exception {
        String finding = "{\"AwsAccountId\":\"123\",\"CreatedAt\":\"yesterday\",\"Description\":\"d\","
                + "\"GeneratorId\":\"g\",\"Id\":\"i\",\"ProductArn\":\"arn:aws:securityhub:x\",\"Resources\":[],"
                + "\"SchemaVersion\":\"2018-10-08\",\"Severity\":{\"Label\":\"SEVERE\"},\"Title\":\"t\","
                + "\"Types\":[\"TTPs\"],\"UpdatedAt\":\"2024-01-01T00:00:00.000000000Z\"}";
        assertThat(SchemaFacts.of(AlertFormats.ASFF).problems(JSON.readTree(finding))).containsExactlyInAnyOrder(
                "AwsAccountId has 3 characters, not 12 to 12",
                "CreatedAt is \"yesterday\", not a rfc3339",
                "Resources has 0 items, not 1 to 32",
                "Severity.Label is \"SEVERE\", not one of [INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL]");
    }
}
