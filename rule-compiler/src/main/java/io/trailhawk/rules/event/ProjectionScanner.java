package io.trailhawk.rules.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The projection's byte-level reader. Members nobody reads are skipped by scanning for their end (strings,
 * escapes and nesting only), which costs far less than tokenising them; wanted strings are decoded here, and any
 * other wanted value is handed to Jackson as a slice, so its nodes are exactly those a full parse builds. Anything
 * unexpected throws {@link Malformed}, and the caller falls back to Jackson for the whole record.
 */
final class ProjectionScanner {
    /** The input is not what this scanner handles; Jackson decides whether it is valid JSON. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final Malformed MALFORMED = new Malformed();
    private static final JsonNodeFactory NODES = Projection.MAPPER.getNodeFactory();

    private byte[] b;
    private int i;

    private ProjectionScanner(byte[] b) {
        this(b, 0);
    }

    private ProjectionScanner(byte[] b, int at) {
        this.b = b;
        this.i = at;
    }

    static ObjectNode read(byte[] json, Projection.Member root) throws Malformed {
        ProjectionScanner s = new ProjectionScanner(json);
        try {
            s.ws();
            ObjectNode o = s.object(root);
            s.ws();
            if (s.i != json.length) {
                throw MALFORMED;
            }
            return o;
        } catch (ArrayIndexOutOfBoundsException | IOException e) {
            throw MALFORMED;
        }
    }

    /**
     * Where each top-level member's key and value lie, found in one pass over the record. Nested members are skipped
     * by looking only at quotes and brackets, eight bytes at a time. A key with an escape is left to the general
     * path, so that names can be compared byte for byte.
     */
    /** A scanner to be pointed at records with {@link #at}: a reader keeps one and reuses it. */
    ProjectionScanner() {
    }

    ProjectionScanner at(byte[] json, int position) {
        this.b = json;
        this.i = position;
        return this;
    }

    static RecordIndex index(RecordIndex t, Projection.Member root) throws Malformed {
        byte[] json = t.json;
        ProjectionScanner s = t.scanner.at(json, 0);
        try {
            s.ws();
            s.expect('{');
            s.ws();
            if (json[s.i] == '}') {
                s.i++;
            } else {
                while (true) {
                    s.ws();
                    s.expect('"');
                    int keyStart = s.i;
                    if (s.skipStringBody()) {
                        throw MALFORMED;
                    }
                    int keyEnd = s.i - 1;
                    s.ws();
                    s.expect(':');
                    s.ws();
                    int child = root.childIndex(json, keyStart, keyEnd - keyStart);
                    int valueStart = s.i;
                    s.skipValue();
                    if (child >= 0) {
                        t.add(child, valueStart, s.i);
                    }
                    s.ws();
                    if (json[s.i] == ',') {
                        s.i++;
                    } else if (json[s.i] == '}') {
                        s.i++;
                        break;
                    } else {
                        throw MALFORMED;
                    }
                }
            }
            s.ws();
            if (s.i != json.length) {
                throw MALFORMED;
            }
            return t;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw MALFORMED;
        }
    }

    /** The value at {@code at}, with only what {@code wanted} names built when it is an object. */
    /**
     * The value in {@code [at, end)}, with only what {@code wanted} names built when it is an object; taken from
     * {@code cache} when the same bytes came before.
     */
    static JsonNode valueAt(ProjectionScanner s, int at, int end, Projection.Member wanted, MemberCache cache)
            throws Malformed {
        byte[] json = s.b;
        s.i = at;
        if (end - at > MemberCache.MAX_BYTES) {
            return s.build(wanted);
        }
        JsonNode node = cache.get(wanted.index, json, at, end);
        if (node == null) {
            node = s.build(wanted);
            cache.put(wanted.index, json, at, end, node);
        }
        return node;
    }

    /** The value here, with only what {@code wanted} names built when it is an object (null: all of it). */
    private JsonNode build(Projection.Member wanted) throws Malformed {
        try {
            return wanted != null && !wanted.whole && b[i] == '{' ? object(wanted) : value();
        } catch (ArrayIndexOutOfBoundsException | IOException e) {
            throw MALFORMED;
        }
    }

    private ObjectNode object(Projection.Member member) throws Malformed, IOException {
        expect('{');
        ObjectNode out = NODES.objectNode();
        ws();
        if (b[i] == '}') {
            i++;
            return out;
        }
        while (true) {
            ws();
            expect('"');
            int keyStart = i;
            boolean escaped = skipStringBody();
            int keyEnd = i - 1;
            ws();
            expect(':');
            ws();
            Projection.Member child;
            String name;
            if (escaped) {
                name = decode(keyStart, keyEnd);
                child = member.child(name);
            } else {
                int k = member.childIndex(b, keyStart, keyEnd - keyStart);
                child = k < 0 ? null : member.member(k);
                name = k < 0 ? null : member.name(k);
            }
            if (child == null) {
                skipValue();
            } else {
                if (!child.whole && b[i] == '{') {
                    out.set(name, object(child));
                } else {
                    out.set(name, value());
                }
            }
            ws();
            if (b[i] == ',') {
                i++;
            } else if (b[i] == '}') {
                i++;
                return out;
            } else {
                throw MALFORMED;
            }
        }
    }

    /** A wanted value: strings and literals built here, anything else parsed by Jackson from its slice. */
    private JsonNode value() throws Malformed, IOException {
        byte c = b[i];
        if (c == '"') {
            i++;
            int start = i;
            boolean escaped = skipStringBody();
            return NODES.textNode(escaped ? decode(start, i - 1) : ascii(start, i - 1));
        }
        if (literal("true")) {
            return NODES.booleanNode(true);
        }
        if (literal("false")) {
            return NODES.booleanNode(false);
        }
        if (literal("null")) {
            return NODES.nullNode();
        }
        int start = i;
        skipValue();
        return Projection.MAPPER.readTree(b, start, i - start);
    }

    /** Most CloudTrail strings are ASCII: decoded without the general decoder when they are. */
    private String ascii(int start, int end) {
        int k = start;
        for (; k + 8 <= end; k += 8) {
            if ((Words.at(b, k) & Words.HIGHS) != 0) {
                return new String(b, start, end - start, StandardCharsets.UTF_8);
            }
        }
        for (; k < end; k++) {
            if (b[k] < 0) {
                return new String(b, start, end - start, StandardCharsets.UTF_8);
            }
        }
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private boolean literal(String word) {
        int n = word.length();
        if (i + n > b.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        i += n;
        return true;
    }

    /** Moves past one value of any kind without looking inside strings. */
    private void skipValue() throws Malformed {
        byte c = b[i];
        if (c == '"') {
            i++;
            skipStringBody();
            return;
        }
        if (c == '{' || c == '[') {
            skipContainer();
            return;
        }
        int start = i;
        while (i < b.length) {
            byte x = b[i];
            if (x == ',' || x == '}' || x == ']' || x == ' ' || x == '\n' || x == '\r' || x == '\t') {
                break;
            }
            i++;
        }
        if (i == start) {
            throw MALFORMED;
        }
    }

    /**
     * From an opening bracket to just after its closing one. Only quotes and brackets matter here, and most of a
     * nested value is short strings, so each eight-byte word is handled whole: its quotes give, by a running parity,
     * which of its bytes are inside a string, and only brackets outside strings are looked at one by one. A word
     * with a backslash is stepped through byte by byte, as escapes break the parity.
     */
    private void skipContainer() {
        int depth = 0;
        boolean inString = false;
        while (i + 8 <= b.length) {
            long w = Words.at(b, i);
            if (Words.firstEqual(w, Words.BACKSLASHES) != 0) {
                if (inString) {
                    skipStringBody();
                    inString = false;
                    continue;
                }
                depth = step(depth);
                if (depth == 0) {
                    return;
                }
                continue;
            }
            long q = Words.equal(w, Words.QUOTES);
            // Folding away the bits that tell them apart, all four brackets become 0x79, as do y, Y, _ and DEL,
            // which valid JSON has only inside strings; the byte itself then says which it is.
            long candidates = Words.equal((w | 0x2020202020202020L) & 0xF9F9F9F9F9F9F9F9L, 0x7979797979797979L);
            long inside = q ^ (q << 8);
            inside ^= inside << 16;
            inside ^= inside << 32;
            if (inString) {
                inside ^= Words.HIGHS;
            }
            long brackets = candidates & ~inside;
            while (brackets != 0) {
                int at = i + (Long.numberOfTrailingZeros(brackets) >>> 3);
                byte x = b[at];
                if (x == '{' || x == '[') {
                    depth++;
                } else if ((x == '}' || x == ']') && --depth == 0) {
                    i = at + 1;
                    return;
                }
                brackets &= brackets - 1;
            }
            inString = inside < 0;
            i += 8;
        }
        if (inString) {
            skipStringBody();
        }
        do {
            depth = step(depth);
        } while (depth != 0);
    }

    /** One byte outside strings, inside a container at {@code depth}: returns the depth after it. */
    private int step(int depth) {
        byte x = b[i++];
        if (x == '"') {
            skipStringBody();
            return depth;
        }
        if (x == '{' || x == '[') {
            return depth + 1;
        }
        return x == '}' || x == ']' ? depth - 1 : depth;
    }

    /** From just after an opening quote to just after the closing one; true when the string holds escapes. */
    private boolean skipStringBody() {
        boolean escaped = false;
        while (i + 8 <= b.length) {
            long w = Words.at(b, i);
            long m = Words.firstEqual(w, Words.QUOTES) | Words.firstEqual(w, Words.BACKSLASHES);
            if (m == 0) {
                i += 8;
                continue;
            }
            i += Long.numberOfTrailingZeros(m) >>> 3;
            if (b[i++] == '"') {
                return escaped;
            }
            escaped = true;
            i++;
        }
        while (true) {
            byte x = b[i++];
            if (x == '"') {
                return escaped;
            }
            if (x == '\\') {
                escaped = true;
                i++;
            }
        }
    }

    private String decode(int start, int end) throws IOException {
        return decodeString(b, start, end);
    }

    /** The text of the string whose content is {@code json[start, end)}, escapes included. */
    static String decodeString(byte[] json, int start, int end) {
        // Escapes are rare in CloudTrail; let Jackson apply JSON's rules exactly.
        try {
            return Projection.MAPPER.readTree(json, start - 1, end - start + 2).textValue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void ws() {
        i = JsonBlanks.skip(b, i);
    }

    private void expect(char c) throws Malformed {
        if (b[i] != c) {
            throw MALFORMED;
        }
        i++;
    }
}
