package io.trailhawk.rules.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecordLayoutTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<byte[]> RECORDS = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        for (JsonNode r : SampleRecords.invictus()) {
            RECORDS.add(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(r));
            RECORDS.add(MAPPER.writeValueAsBytes(r));
        }
    }

    /** The top-level keys in order, duplicates kept, or null when Jackson rejects the input as one object. */
    private static List<String> jacksonKeys(byte[] json) {
        List<String> keys = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                return null;
            }
            return keys;
        } catch (Exception e) {
            return null;
        }
    }

    private static List<String> layoutKeys(RecordLayout l, byte[] json) {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < l.count(); k++) {
            keys.add(new String(json, l.keyStart(k), l.keyEnd(k) - l.keyStart(k), StandardCharsets.UTF_8));
        }
        return keys;
    }

    @Test
    void everyInvictusRecord_compactAndPretty_hasTheMembersJacksonReads() throws Exception {
        int settled = 0;
        for (byte[] json : RECORDS) {
            RecordLayout l = RecordLayout.scan(json);
            if (l == null) {
                continue;
            }
            settled++;
            assertThat(layoutKeys(l, json)).isEqualTo(jacksonKeys(json));
            JsonNode tree = MAPPER.readTree(json);
            for (int k = 0; k < l.count(); k++) {
                String key = layoutKeys(l, json).get(k);
                int start = l.valueStart(k);
                int end = l.valueEnd(json, k);
                assertThat(MAPPER.readTree(json, start, end - start)).as(key).isEqualTo(tree.get(key));
                assertThat(json[end - 1]).as("the slice ends with the value's last byte").isNotIn(
                        (byte) ' ', (byte) '\n', (byte) ',');
            }
            assertThat(l.string(json, l.find(json, "eventTime".getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(tree.get("eventTime").textValue());
            assertThat(RecordLayout.of(l.toArray()).count()).isEqualTo(l.count());
        }
        assertThat(settled).as("records settled without the parser").isGreaterThan(RECORDS.size() * 9 / 10);
    }

    @Test
    void acceptsOnlyWhatJacksonAccepts_onHandWrittenCases() {
        String[] invalid = {"", "{", "}", "[]", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{\"a\":[1,]}",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":tru}",
            "{\"a\":truex}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"tab\there\"}",
            "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":{\"b\":1]}", "{\"a\":[1}", "{a:1}", "{'a':1}", "{\"a\":NaN}",
            "{\"a\":1 2}", "{\"a\":\"unterminated}"};
        for (String s : invalid) {
            assertThat(RecordLayout.scan(s.getBytes(StandardCharsets.UTF_8))).as(s).isNull();
        }
        String[] valid = {"{}", " {\"a\" : 1 } ", "{\"a\":[]}", "{\"a\":{}}", "{\"a\":[{},[],\"x\",-0.5e+3,true,null]}",
            "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":{\"c\":[[[]]]}}}"};
        for (String s : valid) {
            byte[] json = s.getBytes(StandardCharsets.UTF_8);
            RecordLayout l = RecordLayout.scan(json);
            assertThat(l).as(s).isNotNull();
            assertThat(layoutKeys(l, json)).as(s).isEqualTo(jacksonKeys(json));
        }
        assertThat(RecordLayout.scan("{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8)))
                .as("non-ASCII is left to the parser").isNull();
        assertThat(RecordLayout.scan("{\"\\u0061\":1}".getBytes(StandardCharsets.UTF_8)))
                .as("an escaped top-level key is left to the parser").isNull();
        for (int length : new int[] {50_000, 50_001}) {
            byte[] longName = ("{\"" + "k".repeat(length) + "\":1}").getBytes(StandardCharsets.UTF_8);
            assertThat(RecordLayout.scan(longName) != null).as("name of %d bytes", length)
                    .isEqualTo(jacksonKeys(longName) != null);
        }
        assertThat(RecordLayout.scan(("{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}")
                .getBytes(StandardCharsets.UTF_8))).as("deep nesting is left to the parser").isNull();
    }

    @Test
    void randomDamageToRealRecords_isNeverAcceptedWhenJacksonRejectsIt() {
        Random random = new Random(11);
        byte[] alphabet = "{}[]\":,\\ 0123456789.-+eEtrufalsn\t\n\u0001x".getBytes(StandardCharsets.UTF_8);
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] json = RECORDS.get(random.nextInt(RECORDS.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(json.length);
                switch (random.nextInt(3)) {
                    case 0:
                        json[at] = alphabet[random.nextInt(alphabet.length)];
                        break;
                    case 1:
                        json = java.util.Arrays.copyOf(json, at);
                        break;
                    default:
                        byte[] longer = new byte[json.length + 1];
                        System.arraycopy(json, 0, longer, 0, at);
                        longer[at] = alphabet[random.nextInt(alphabet.length)];
                        System.arraycopy(json, at, longer, at + 1, json.length - at);
                        json = longer;
                }
                if (json.length == 0) {
                    break;
                }
            }
            RecordLayout l = RecordLayout.scan(json);
            List<String> keys = jacksonKeys(json);
            if (keys == null) {
                rejected++;
            }
            if (l != null) {
                assertThat(keys).as("accepted what the parser rejects: %s", new String(json, StandardCharsets.UTF_8))
                        .isNotNull();
                assertThat(layoutKeys(l, json)).isEqualTo(keys);
            }
        }
        assertThat(rejected).as("damaged inputs the parser rejects").isGreaterThan(5_000);
    }
}
