package io.trailhawk.rules;

import static io.trailhawk.rules.RulesetFixture.matches;
import static io.trailhawk.rules.RulesetFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.event.CloudTrailEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each operator's semantics, through the whole compile path. */
class OperatorSemanticsTest {
    private static final CloudTrailEvent EVENT = record("\"eventName\":\"GetObject\",\"eventSource\":\"s3.amazonaws.com\","
            + "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"Alice\",\"arn\":\"arn:aws:iam::1:user/Alice\"},"
            + "\"sourceIPAddress\":\"203.0.113.9\",\"userAgent\":\"aws-cli/2.13.0 Python/3.11\","
            + "\"requestParameters\":{\"bucketName\":\"logs\",\"key\":\"2023/07/a.txt\"},"
            + "\"additionalEventData\":{\"bytesTransferredIn\":10,\"bytesTransferredOut\":2048.7},"
            + "\"responseElements\":{\"instancesSet\":{\"items\":[{\"imageId\":\"ami-1\"},{\"imageId\":\"ami-2\"}]}}");

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ct.name = GetObject|true",
        "ct.name == GetObject|true",
        "ct.name = getobject|false",
        "ct.name != PutObject|true",
        "ct.name != GetObject|false",
        "ct.name > 1|true",
        "ct.name >= 9|true",
        "ct.name < 9|false",
        "ct.name <= 0x10|false",
        "ct.useragent contains aws-cli|true",
        "ct.useragent contains AWS-CLI|false",
        "ct.useragent icontains AWS-CLI|true",
        "ct.useragent startswith aws-cli/2|true",
        "ct.useragent endswith 3.11|true",
        "ct.useragent glob 'aws-cli/2.*'|true",
        "ct.useragent glob 'aws-cli/1.*'|false",
        "ct.useragent iglob 'AWS-CLI/*'|true",
        "ct.name in (PutObject, GetObject)|true",
        "ct.name in (PutObject)|false",
        "ct.name in ()|false",
        "ct.name intersects (GetObject)|true",
        "s3.key pmatch (2023)|true",
        "s3.key pmatch (2023/07)|true",
        "s3.key pmatch (2023/0)|false",
        "s3.key pmatch (2023/*/a.txt)|true",
        "ct.name regex 'Get.*'|true",
        "ct.name regex 'Get'|false",
        "ct.name regex '.*Object'|true",
        "ct.user exists|true",
        "ct.error exists|false",
        "s3.bytes = 2058|true",
        "s3.bytes > 2057|true",
        "s3.bytes < 100|false",
        "s3.bytes >= 2058|true",
        "s3.bytes > -500|false",
        "s3.bytes in (1, 2058)|true",
        "evt.num > 0|true",
        "evt.num != 1|false",
        "ec2.imageids in (ami-1, ami-2, ami-3)|true",
        "ec2.imageids in (ami-1)|false",
        "ec2.imageids intersects (ami-2, ami-9)|true",
        "ec2.imageids intersects (ami-9)|false",
        "ec2.imageids[1] = ami-2|true",
        "ec2.imageid = ami-1|true",
        "ct.name = anyof (PutObject, GetObject)|true",
        "ct.name startswith oneof (Get, GetO, Put)|false",
        "ct.name startswith oneof (Get, Put)|true",
        "ct.name endswith allof (Object, ject)|true",
        "ct.name != allof (PutObject, ListObjects)|true",
        "tolower(ct.user) = alice|true",
        "toupper(ct.user) = ALICE|true",
        "len(ct.user) = 5|true",
        "len(ec2.imageids) = 2|true",
        "basename(s3.key) = a.txt|true",
        "b64(json.value[/encoded]) = hello|false",
        "ct.user = val(ct.originaluser)|true",
        "ct.user != val(ct.name)|true",
        "tolower(ct.user) = val(ct.user)|false",
        "evt.is_async = false|true",
        "evt.source = aws_cloudtrail|true"
    })
    void operator_onPresentValues(String condition, boolean expected) {
        assertThat(matches(condition, EVENT)).as(condition).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ct.error = x", "ct.error != x", "ct.error contains x", "ct.error startswith x",
        "ct.error in (x)", "ct.error glob *", "ct.error regex '.*'", "ct.error < 9", "ct.error pmatch (/)",
        "ct.errormessage icontains x", "ct.error = val(ct.name)", "ct.name = val(ct.error)",
        "tolower(ct.error) = x", "len(ct.error) > 0"})
    void operator_onMissingValue_isFalse(String condition) {
        assertThat(matches(condition, EVENT)).as(condition).isFalse();
        assertThat(matches("not " + condition, EVENT)).as("not " + condition).isTrue();
    }

    @Test
    void b64_decodesAndFailsAsMissing() {
        CloudTrailEvent e = record("\"eventName\":\"X\",\"requestParameters\":{\"userData\":\"aGVsbG8=\",\"bad\":\"***\"}");
        assertThat(matches("b64(json.value[/requestParameters/userData]) = hello", e)).isTrue();
        assertThat(matches("b64(json.value[/requestParameters/userData]) contains ell", e)).isTrue();
        assertThat(matches("b64(json.value[/requestParameters/bad]) exists", e)).isFalse();
    }

    @Test
    void basename_ofTrailingSlashIsEmpty() {
        CloudTrailEvent e = record("\"eventName\":\"X\",\"requestParameters\":{\"key\":\"dir/\"}");
        assertThat(matches("basename(s3.key) = ''", e)).isTrue();
    }

    @Test
    @Timeout(30)
    void regex_hostilePatternRunsInLinearTime() {
        String longValue = "a".repeat(50_000) + "!";
        CloudTrailEvent e = record("\"eventName\":\"" + longValue + "\"");
        assertThat(matches("ct.name regex '(a+)+$'", e)).isFalse();
        assertThat(matches("ct.name regex '(a|aa)*!'", e)).isTrue();
    }

    @Test
    void icontains_foldsOnlyAscii() {
        CloudTrailEvent e = record("\"eventName\":\"ÉTÉ\"");
        assertThat(matches("ct.name icontains été", e)).isFalse();
        assertThat(matches("ct.name icontains ÉT", e)).isTrue();
    }

    @Test
    void stringOrdering_isByteWiseAndNeedsANumberOnTheRight() {
        assertThat(io.trailhawk.rules.eval.StringMatchers.compareBytes("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat(matches("ct.name < 9", record("\"eventName\":\"10\""))).isTrue();
        assertThat(matches("ct.name > 9", record("\"eventName\":\"10\""))).isFalse();
    }
}
