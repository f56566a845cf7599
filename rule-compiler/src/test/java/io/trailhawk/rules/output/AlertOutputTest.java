package io.trailhawk.rules.output;

import static io.trailhawk.rules.RulesetFixture.compile;
import static io.trailhawk.rules.RulesetFixture.json;
import static io.trailhawk.rules.RulesetFixture.record;
import static io.trailhawk.rules.RulesetFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertOutputTest {
    private static final CloudTrailEvent EVENT = record("\"eventName\":\"RunInstances\",\"userIdentity\":{\"type\":"
            + "\"IAMUser\",\"userName\":\"alice\"},\"sourceIPAddress\":\"1.2.3.4\",\"responseElements\":{\"instancesSet\":"
            + "{\"items\":[{\"imageId\":\"ami-1\"},{\"imageId\":\"ami-2\"}]}},\"requestParameters\":{\"bucketName\":\"b\"}");

    private static Alert fire(String output) throws Exception {
        CompiledRuleset r = compile("a.yaml", rule("R", "ct.name = RunInstances", output));
        return r.evaluate(EVENT).get(0);
    }

    @Test
    void output_takesTheLongestValidField() throws Exception {
        assertThat(fire("u=%ct.user, ip=%ct.srcip.").output()).isEqualTo("u=alice, ip=1.2.3.4.");
        assertThat(fire("%ct.user.foo").output()).isEqualTo("alice.foo");
        assertThat(fire("(%ct.region)").output()).isEqualTo("(us-east-1)");
    }

    @Test
    void output_missingValuesListsAndTransformers() throws Exception {
        Alert a = fire("err=%ct.error ids=%ec2.imageids up=%toupper(ct.user) n=%len(ec2.imageids) b=%s3.bucket");
        assertThat(a.output()).isEqualTo("err=<NA> ids=(ami-1,ami-2) up=ALICE n=2 b=b");
        List<String> keys = new ArrayList<>(a.outputFields().keySet());
        assertThat(keys).containsExactly("ct.error", "ct.user", "ec2.imageids", "s3.bucket");
        assertThat(a.outputFields().get("ct.error")).isNull();
        assertThat(a.outputFields().get("ec2.imageids")).isEqualTo(List.of("ami-1", "ami-2"));
    }

    @Test
    void output_width() throws Exception {
        assertThat(fire("[%8ct.user][%2ct.srcip]").output()).isEqualTo("[alice   ][1.]");
    }

    @Test
    void alertJson_matchesFalcoShape() throws Exception {
        Alert a = fire("user=%ct.user err=%ct.error num=%evt.num");
        JsonNode j = json(new AlertJson("host-1").render(a, 7L));
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("hostname", "output", "output_fields", "priority", "rule", "source", "tags",
                "time", "trailhawk");
        assertThat(j.get("output").asText()).endsWith(": Warning user=alice err=<NA> num=1");
        assertThat(j.get("output").asText()).matches("\\d\\d:\\d\\d:\\d\\d\\.000000000: Warning .*");
        assertThat(j.get("priority").asText()).isEqualTo("Warning");
        assertThat(j.get("rule").asText()).isEqualTo("R");
        assertThat(j.get("source").asText()).isEqualTo("aws_cloudtrail");
        assertThat(j.get("time").asText()).isEqualTo("2023-07-10T12:00:00.000000000Z");
        assertThat(j.get("hostname").asText()).isEqualTo("host-1");
        assertThat(j.get("output_fields").get("ct.error").isNull()).isTrue();
        assertThat(j.get("output_fields").get("evt.num").asLong()).isEqualTo(1);
        assertThat(j.get("output_fields").get("evt.time").asLong()).isEqualTo(1688990400000000000L);
        assertThat(j.get("trailhawk").get("event_id").asText()).isEqualTo("ev-1");
        assertThat(j.get("trailhawk").get("account_id").asText()).isEqualTo("123456789012");
        assertThat(j.get("trailhawk").get("region").asText()).isEqualTo("us-east-1");
        assertThat(j.get("trailhawk").get("ruleset_version").asLong()).isEqualTo(7);
    }

    @Test
    void alertJson_inUtf8IsTheSameTextAsTheString() throws Exception {
        Alert a = fire("user=%ct.user région=ü \u2603 err=%ct.error");
        AlertJson json = new AlertJson("hôte");
        assertThat(new String(json.renderUtf8(a, 3L), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(json.render(a, 3L));
    }

    @Test
    void output_trailingPercentIsAnError() {
        assertThat(io.trailhawk.rules.RulesetFixture.errors("a.yaml", rule("R", "ct.name = X", "100%")))
                .singleElement().asString().contains("invalid formatting token");
    }
}
