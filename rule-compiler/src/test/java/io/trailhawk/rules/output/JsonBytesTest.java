package io.trailhawk.rules.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Alerts were written by Jackson, to text then UTF-8: the bytes stay the same. */
class JsonBytesTest {
    private static byte[] jackson(String s) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeString(s);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ours(String s) {
        return new JsonBytes().string(s).toBytes();
    }

    @Test
    void everyCharacterOfTheBasicPlane_isEscapedAsJacksonEscapesIt() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            all.append(c);
        }
        for (int c = Character.MAX_SURROGATE + 1; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        assertThat(ours(all.toString())).isEqualTo(jackson(all.toString()));
        for (char c = 0; c < 0x80; c++) {
            assertThat(ours("a" + c + "b")).as("char %d", (int) c).isEqualTo(jackson("a" + c + "b"));
        }
    }

    @Test
    void pairsAndLoneSurrogates_comeOutAsTheUtf8OfTheText() throws Exception {
        for (String s : new String[] {"\uD83D\uDE00 ok", "lone \uD800 high", "lone \uDC00 low", ""}) {
            assertThat(ours(s)).as(s).isEqualTo(jackson(s));
        }
    }

    @Test
    void containersSeparateTheirMembers() {
        JsonBytes j = new JsonBytes().startObject().name("a").number(1).name("b").startArray().string("x")
                .nul().bool(true).startObject().endObject().endArray().name("c").raw("18446744073709551615")
                .name("d").string(null).endObject();
        assertThat(new String(j.toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1,\"b\":[\"x\",null,true,{}],\"c\":18446744073709551615,\"d\":null}");
    }

    @Test
    void aResetWriter_writesTheNextDocumentAsAFreshOneWould_afterOneThatGrewItsBuffer() {
        JsonBytes j = new JsonBytes().startObject().name("big").string("x".repeat(5000)).name("n").startArray()
                .number(1);
        j.reset().startObject().name("a").string("caf\u00e9 \"q\"\t").name("b").startArray().number(2).endArray()
                .endObject();
        JsonBytes fresh = new JsonBytes().startObject().name("a").string("caf\u00e9 \"q\"\t").name("b").startArray()
                .number(2).endArray().endObject();
        assertThat(j.toBytes()).isEqualTo(fresh.toBytes());
        assertThat(new String(j.toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":\"caf\u00e9 \\\"q\\\"\\t\",\"b\":[2]}");
    }
}
