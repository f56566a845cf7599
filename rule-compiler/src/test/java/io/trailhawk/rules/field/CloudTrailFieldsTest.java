package io.trailhawk.rules.field;

import static io.trailhawk.rules.RulesetFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each cloudtrail plugin field and its fallback chain, read straight from the registry. */
class CloudTrailFieldsTest {
    private static final FieldRegistry FIELDS = FieldRegistry.standard();

    static Object get(String field, CloudTrailEvent e) throws UnknownFieldException {
        String name = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
        String arg = field.contains("[") ? field.substring(field.indexOf('[') + 1, field.length() - 1) : null;
        return FIELDS.resolve(name, arg).extractor().extract(e);
    }

    private static final CloudTrailEvent FULL = record("\"eventName\":\"RunInstances\",\"eventSource\":\"ec2.amazonaws.com\","
            + "\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA1:alice-session\","
            + "\"arn\":\"arn:aws:sts::1:assumed-role/Admin/alice-session\",\"accountId\":\"111111111111\","
            + "\"sessionContext\":{\"sessionIssuer\":{\"userName\":\"Admin\"}}},"
            + "\"sourceIPAddress\":\"198.51.100.1\",\"userAgent\":\"ua\",\"errorCode\":\"Denied\",\"errorMessage\":\"no\","
            + "\"readOnly\":false,\"managementEvent\":true,\"requestID\":\"rq\",\"apiVersion\":\"v1\","
            + "\"sessionCredentialFromConsole\":\"true\",\"vpcEndpointId\":\"vpce-1\",\"eventCategory\":\"Management\","
            + "\"sharedEventID\":\"sh\",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"c\","
            + "\"clientProvidedHostHeader\":\"h\"},\"addendum\":{\"reason\":\"r\",\"updatedFields\":\"u\","
            + "\"originalRequestID\":\"or\",\"originalEventID\":\"oe\"},"
            + "\"resources\":[{\"ARN\":\"arn:a\",\"type\":\"T\"},{\"ARN\":\"arn:b\"}],"
            + "\"serviceEventDetails\":{\"k\":1},\"additionalEventData\":{\"x\":true},"
            + "\"requestParameters\":{\"availabilityZone\":\"us-east-1a\",\"cluster\":\"c1\",\"functionName\":\"f\","
            + "\"groupName\":\"g\",\"Host\":\"host\",\"name\":\"n\",\"policy\":\"p\",\"reason\":\"why\",\"target\":\"t\","
            + "\"serialNumber\":\"sn\",\"serviceName\":\"svc\",\"subnetId\":\"subnet-1\",\"taskDefinition\":\"td\","
            + "\"userName\":\"bob\",\"documentName\":\"AWS-RunShellScript\",\"bucketName\":\"bkt\",\"key\":\"k/o\","
            + "\"repositoryName\":\"repo\",\"imageTag\":\"v1\",\"roleName\":\"r1\",\"policyName\":\"p1\","
            + "\"tagSpecificationSet\":{\"items\":[{\"resourceType\":\"instance\",\"tags\":[{\"key\":\"Name\","
            + "\"value\":\"web\"}]},{\"resourceType\":\"volume\",\"tags\":[{\"key\":\"Name\",\"value\":\"vol\"}]}]}},"
            + "\"responseElements\":{\"subnetId\":\"subnet-2\",\"reservationId\":\"r-1\",\"instancesSet\":{\"items\":"
            + "[{\"imageId\":\"ami-1\"},{\"imageId\":\"\"},{\"imageId\":\"ami-3\"}]}}");

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ct.id|ev-1", "ct.error|Denied", "ct.errormessage|no", "ct.time|2023-07-10T12:00:00Z",
        "ct.src|ec2.amazonaws.com", "ct.shortsrc|ec2", "ct.name|RunInstances", "ct.user|Admin",
        "ct.originaluser|alice-session", "ct.user.accountid|111111111111", "ct.user.identitytype|AssumedRole",
        "ct.user.principalid|AROA1:alice-session", "ct.user.arn|arn:aws:sts::1:assumed-role/Admin/alice-session",
        "ct.region|us-east-1", "ct.response.subnetid|subnet-2", "ct.response.reservationid|r-1",
        "ct.request.availabilityzone|us-east-1a", "ct.request.cluster|c1", "ct.request.functionname|f",
        "ct.request.groupname|g", "ct.request.host|host", "ct.request.name|n", "ct.request.policy|p",
        "ct.request.reason|why", "ct.request.target|t", "ct.request.serialnumber|sn", "ct.request.servicename|svc",
        "ct.request.subnetid|subnet-1", "ct.request.taskdefinition|td", "ct.request.username|bob",
        "ct.request.documentname|AWS-RunShellScript", "ct.srcip|198.51.100.1", "ct.useragent|ua",
        "ct.managementevent|true", "ct.readonly|false", "ct.requestid|rq", "ct.eventtype|AwsApiCall",
        "ct.apiversion|v1", "ct.resources|{\"ARN\":\"arn:a\",\"type\":\"T\"},{\"ARN\":\"arn:b\"}",
        "ct.recipientaccountid|123456789012", "ct.serviceeventdetails|{\"k\":1}", "ct.sharedeventid|sh",
        "ct.vpcendpointid|vpce-1", "ct.eventcategory|Management", "ct.addendum.reason|r",
        "ct.addendum.updatedfields|u", "ct.addendum.originalrequestid|or", "ct.addendum.originaleventid|oe",
        "ct.sessioncredentialfromconsole|true", "ct.tlsdetails.tlsversion|TLSv1.3", "ct.tlsdetails.ciphersuite|c",
        "ct.tlsdetails.clientprovidedhostheader|h", "ct.additionaleventdata|{\"x\":true}",
        "s3.bucket|bkt", "s3.key|k/o", "s3.uri|s3://bkt/k/o", "ec2.name|web", "ec2.imageid|ami-1",
        "ec2.imageids[1]|ami-3", "ecr.repository|repo", "ecr.imagetag|v1", "iam.role|r1", "iam.policy|p1",
        "ct.info|Admin via 198.51.100.1 !\u2192 RunInstances Size=<none> URI=s3://bkt/k/o"
    })
    void field_extractsFromAFullRecord(String field, String expected) throws Exception {
        Object v = get(field, FULL);
        if (field.equals("ct.info")) {
            assertThat(v).isEqualTo(expected.replace(" Size=<none>", ""));
        } else {
            assertThat(v).as(field).isEqualTo(expected);
        }
    }

    @Test
    void imageIds_listSkipsEmptyValues() throws Exception {
        assertThat(get("ec2.imageids", FULL)).isEqualTo(List.of("ami-1", "ami-3"));
    }

    @Test
    void imageIds_fallbackChain() throws Exception {
        assertThat(get("ec2.imageids", record("\"requestParameters\":{\"imageId\":\"ami-r\"}"))).isEqualTo(List.of("ami-r"));
        assertThat(get("ec2.imageids", record("\"requestParameters\":{\"DescribeFastLaunchImagesRequest\":"
                + "{\"ImageId\":{\"content\":\"ami-f\"}}}"))).isEqualTo(List.of("ami-f"));
        assertThat(get("ec2.imageids", record("\"requestParameters\":{\"launchSpecification\":{\"imageId\":\"ami-s\"}}")))
                .isEqualTo(List.of("ami-s"));
        assertThat(get("ec2.imageids", record("\"requestParameters\":{\"imageId\":\"ami-r\"},\"responseElements\":"
                + "{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-1\"}]}}"))).isNull();
        assertThat(get("ec2.imageids[1]", record("\"requestParameters\":{\"imageId\":\"ami-r\"}"))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"Root\",\"userName\":\"root\"}|root|root",
        "{\"type\":\"Root\"}|<null>|<null>",
        "{\"type\":\"IAMUser\",\"userName\":\"alice\"}|alice|alice",
        "{\"type\":\"AWSService\",\"invokedBy\":\"lambda.amazonaws.com\"}|lambda.amazonaws.com|<null>",
        "{\"type\":\"AssumedRole\",\"principalId\":\"AROA:sess\"}|AssumedRole|sess",
        "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/R/s1\",\"principalId\":\"A:s2\"}|AssumedRole|s1",
        "{\"type\":\"AWSAccount\"}|AWSAccount|<null>",
        "{\"type\":\"FederatedUser\"}|FederatedUser|<null>",
        "{\"type\":\"SAMLUser\",\"userName\":\"x\"}|<null>|x",
        "{\"userName\":\"x\"}|<null>|x",
        "{\"type\":\"IAMUser\",\"userName\":42}|``|``"
    })
    void user_byIdentityType(String identity, String user, String original) throws Exception {
        CloudTrailEvent e = record("\"userIdentity\":" + identity);
        assertThat(get("ct.user", e)).isEqualTo(user.equals("<null>") ? null : user);
        assertThat(get("ct.originaluser", e)).isEqualTo(original.equals("<null>") ? null : original);
    }

    @Test
    void missingVersusNonStringValues() throws Exception {
        CloudTrailEvent e = record("\"errorCode\":123,\"responseElements\":null,\"requestParameters\":{\"bucketName\":{}}");
        assertThat(get("ct.error", e)).isEqualTo("");
        assertThat(get("ct.response", e)).isEqualTo("null");
        assertThat(get("s3.bucket", e)).isEqualTo("");
        assertThat(get("ct.request.username", e)).isNull();
        assertThat(get("ct.readonly", e)).isNull();
        assertThat(get("ct.resources", e)).isNull();
        assertThat(get("s3.uri", e)).isNull();
        assertThat(get("ec2.name", e)).isNull();
    }

    @Test
    void accountId_fallsBackToRecipient() throws Exception {
        assertThat(get("ct.user.accountid", record("\"userIdentity\":{\"type\":\"AWSService\"}")))
                .isEqualTo("123456789012");
    }

    @Test
    void s3Counters_andBytes() throws Exception {
        CloudTrailEvent get = record("\"eventName\":\"GetObject\",\"additionalEventData\":{\"bytesTransferredOut\":1.9}");
        assertThat(get("s3.cnt.get", get)).isEqualTo(1L);
        assertThat(get("s3.cnt.put", get)).isEqualTo(0L);
        assertThat(get("s3.cnt.other", get)).isEqualTo(0L);
        assertThat(get("s3.bytes", get)).isEqualTo(1L);
        assertThat(get("s3.bytes.out", get)).isEqualTo(1L);
        assertThat(get("s3.bytes.in", get)).isNull();
        assertThat(get("s3.cnt.other", record("\"eventName\":\"ListObjects\""))).isEqualTo(1L);
    }

    @Test
    void shortSrc_keepsShortNames() throws Exception {
        assertThat(get("ct.shortsrc", record("\"eventSource\":\".amazonaws.com\""))).isEqualTo(".amazonaws.com");
        assertThat(get("ct.shortsrc", record("\"eventSource\":\"custom\""))).isEqualTo("custom");
    }

    @Test
    void info_variants() throws Exception {
        assertThat(get("ct.info", record("\"eventName\":\"X\",\"sourceIPAddress\":\"1.1.1.1\"")))
                .isEqualTo("<invalid cloudtrail event: userIdentity field missing>");
        assertThat(get("ct.info", record("\"eventName\":\"GetObject\",\"readOnly\":true,\"userIdentity\":{\"type\":"
                + "\"AWSService\",\"invokedBy\":\"s3.amazonaws.com\"},\"sourceIPAddress\":\"s3.amazonaws.com\","
                + "\"requestParameters\":{\"bucketName\":\"b\"},\"additionalEventData\":{\"bytesTransferredOut\":5}}")))
                .isEqualTo("s3.amazonaws.com \u2190 GetObject Size=5 Bucket=b");
        assertThat(get("ct.info", record("\"eventName\":\"PutBucketPublicAccessBlock\",\"readOnly\":false,"
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"u\"},\"sourceIPAddress\":\"1.1.1.1\","
                + "\"requestParameters\":{\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":true,"
                + "\"BlockPublicPolicy\":false,\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":false}}")))
                .isEqualTo("u via 1.1.1.1 \u2192 PutBucketPublicAccessBlock BlockPublicAcls=true BlockPublicPolicy=false "
                        + "IgnorePublicAcls=true RestrictPublicBuckets=false ");
        assertThat(get("evt.plugininfo", record("\"eventName\":\"GetObject\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"u\"},\"sourceIPAddress\":\"1.1.1.1\"")))
                .isEqualTo("us-east-1 u s3 GetObject u via 1.1.1.1 \u2190 GetObject");
    }

    @Test
    void jsonFields() throws Exception {
        CloudTrailEvent e = record("\"eventName\":\"X\",\"a\":{\"b/c\":[10,{\"d\":\"v\"}],\"t\":true,\"n\":null,"
                + "\"~k\":\"tilde\"}");
        assertThat(get("json.value[/a/b~1c/1/d]", e)).isEqualTo("v");
        assertThat(get("json.value[a/b~1c/0]", e)).isEqualTo("10");
        assertThat(get("json.value[/a/t]", e)).isEqualTo("true");
        assertThat(get("json.value[/a/n]", e)).isEqualTo("null");
        assertThat(get("json.value[/a/~0k]", e)).isEqualTo("tilde");
        assertThat(get("json.value[/a/b~1c]", e)).isEqualTo("[10,{\"d\":\"v\"}]");
        assertThat(get("json.value[/a/missing]", e)).isNull();
        assertThat(get("json.value[/a/b~1c/x]", e)).isNull();
        assertThat(get("jevt.value[/eventName]", e)).isEqualTo("X");
        assertThat(get("json.rawtime", e)).isEqualTo("1688990400000000000");
        assertThat((String) get("json.obj", e)).startsWith("{\n  \"eventVersion\" : \"1.08\",");
        assertThat(get("jevt.time.iso8601", e)).isEqualTo("2023-07-10T12:00:00.000000000+0000");
    }

    @Test
    void eventFields() throws Exception {
        CloudTrailEvent e = record("\"eventName\":\"X\"");
        assertThat(get("evt.num", e)).isEqualTo(1L);
        assertThat(get("evt.rawtime", e)).isEqualTo(1688990400000000000L);
        assertThat(get("evt.rawtime.s", e)).isEqualTo(1688990400L);
        assertThat(get("evt.rawtime.ns", e)).isEqualTo(0L);
        assertThat(get("evt.time.iso8601", e)).isEqualTo("2023-07-10T12:00:00.000000000+0000");
        assertThat(get("evt.source", e)).isEqualTo("aws_cloudtrail");
        assertThat(get("evt.pluginname", e)).isEqualTo("cloudtrail");
        assertThat(get("evt.is_async", e)).isEqualTo(Boolean.FALSE);
        assertThat((String) get("evt.time", e)).matches("\\d\\d:\\d\\d:\\d\\d\\.000000000");
    }

    @Test
    void registry_rejectsUnknownNamesAndBadArguments() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FIELDS.resolve("ct.request.foo", null))
                .hasMessage("filter_check called with nonexistent field ct.request.foo");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FIELDS.resolve("ct.name", "x"))
                .hasMessageContaining("does not allow nor require an argument");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FIELDS.resolve("json.value", null))
                .hasMessageContaining("requires an argument");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FIELDS.resolve("ec2.imageids", "x"))
                .hasMessageContaining("numeric index");
    }
}
