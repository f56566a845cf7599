package io.trailhawk.rules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Projection P = Projection.of(List.of(new String[] {"userIdentity", "type"},
        new String[] {"userIdentity", "userName"}, new String[] {"requestParameters", "a b"},
        new String[] {"responseElements"}, new String[] {"additionalEventData", "n"}, new String[] {"ké"},
        new String[] {"q\"uote"}));

    private static JsonNode scan(String json) throws Exception {
        return ProjectionScanner.read(json.getBytes(StandardCharsets.UTF_8), rootOf(P));
    }

    private static Projection.Member rootOf(Projection p) throws Exception {
        java.lang.reflect.Field f = Projection.class.getDeclaredField("root");
        f.setAccessible(true);
        return (Projection.Member) f.get(p);
    }

    @Test
    void scanner_buildsWhatJacksonBuilds_forTheProjectedMembers() throws Exception {
        String json = "{ \"eventTime\" : \"2023-07-10T12:00:00Z\",\n\t\"skipped\": {\"x\": [1, {\"y\": \"}]\\\"\"}]},"
                + "\"userIdentity\": {\"type\": \"IAMUser\", \"userName\": \"al\\u00e9\\\"x\", \"arn\": \"drop\"},"
                + "\"requestParameters\": {\"a b\": [1, 2.5, -3e2, true, null, \"s\"], \"other\": 9},"
                + "\"responseElements\": {\"n\": 12345678901234, \"f\": 1.0, \"big\": 123456789012345678901234},"
                + "\"additionalEventData\": {\"n\": 7}, \"ké\": \"unicode ✓\", \"q\\\"uote\": false,"
                + "\"eventName\": \"First\", \"eventName\": \"Last\"}";
        JsonNode scanned = scan(json);
        assertThat(scanned).isEqualTo(P.readWithJackson(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(scanned.get("skipped")).isNull();
        assertThat(scanned.path("userIdentity").path("userName").asText()).isEqualTo("alé\"x");
        assertThat(scanned.path("userIdentity").has("arn")).isFalse();
        assertThat(scanned.path("eventName").asText()).isEqualTo("Last");
        assertThat(scanned.path("ké").asText()).isEqualTo("unicode ✓");
        assertThat(scanned.path("q\"uote").asBoolean(true)).isFalse();
        assertThat(scanned.path("responseElements").path("big").isBigInteger()).isTrue();
    }

    @Test
    void scanner_handlesEveryInvictusRecordWithoutFallingBack() throws Exception {
        List<JsonNode> records = SampleRecords.invictus();
        Projection.Member root = rootOf(P);
        for (JsonNode r : records) {
            byte[] bytes = MAPPER.writeValueAsBytes(r);
            assertThat(ProjectionScanner.read(bytes, root)).isEqualTo(P.readWithJackson(bytes));
        }
    }

    @Test
    void malformedInput_fallsBackToJacksonAndFailsTheSameWay() {
        for (String bad : new String[] {"{\"a\": ", "{\"a\" 1}", "{\"eventTime\": \"x\"} trailing", "[1,2]", "{,}",
            "{\"userIdentity\": {\"type\": tru}}"}) {
            assertThatThrownBy(() -> ProjectionScanner.read(bad.getBytes(StandardCharsets.UTF_8), rootOf(P)))
                    .as(bad).isInstanceOf(Unscannable.class);
        }
        assertThatThrownBy(() -> P.read("{\"a\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(java.io.IOException.class);
    }
}
