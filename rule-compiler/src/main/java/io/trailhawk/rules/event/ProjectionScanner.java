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

    private final byte[] b;
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
     * Where each top-level member's key and value lie, found in one pass. Evaluation reads the index keys from it,
     * then builds only the members its candidate rules read, without scanning the record again.
     */
    static final class TopLevel {
        final byte[] json;
        int count;
        int[] keyStart = new int[32];
        int[] keyEnd = new int[32];
        boolean[] keyEscaped = new boolean[32];
        int[] valueStart = new int[32];

        TopLevel(byte[] json) {
            this.json = json;
        }

        void add(int ks, int ke, boolean esc, int vs) {
            if (count == keyStart.length) {
                int n = count * 2;
                keyStart = java.util.Arrays.copyOf(keyStart, n);
                keyEnd = java.util.Arrays.copyOf(keyEnd, n);
                keyEscaped = java.util.Arrays.copyOf(keyEscaped, n);
                valueStart = java.util.Arrays.copyOf(valueStart, n);
            }
            keyStart[count] = ks;
            keyEnd[count] = ke;
            keyEscaped[count] = esc;
            valueStart[count] = vs;
            count++;
        }

        /** The string value of a top-level member, or null (absent, not a string, or an escaped key). */
        String string(byte[] name) throws Malformed {
            String found = null;
            outer:
            for (int k = 0; k < count; k++) {
                if (keyEscaped[k] || keyEnd[k] - keyStart[k] != name.length) {
                    continue;
                }
                for (int j = 0; j < name.length; j++) {
                    if (json[keyStart[k] + j] != name[j]) {
                        continue outer;
                    }
                }
                found = json[valueStart[k]] == '"' ? new ProjectionScanner(json, valueStart[k]).stringValue() : null;
            }
            return found;
        }

        /** The projected record: members the trie wants, read from their recorded positions. */
        ObjectNode project(Projection.Member root) throws Malformed {
            try {
                ObjectNode out = NODES.objectNode();
                for (int k = 0; k < count; k++) {
                    Projection.Member child;
                    String name;
                    if (keyEscaped[k]) {
                        name = new ProjectionScanner(json, keyStart[k] - 1).stringValue();
                        child = root.child(name);
                    } else {
                        int c = root.childIndex(json, keyStart[k], keyEnd[k] - keyStart[k]);
                        child = c < 0 ? null : root.member(c);
                        name = c < 0 ? null : root.name(c);
                    }
                    if (child != null) {
                        ProjectionScanner s = new ProjectionScanner(json, valueStart[k]);
                        out.set(name, !child.whole && json[valueStart[k]] == '{' ? s.object(child) : s.value());
                    }
                }
                return out;
            } catch (ArrayIndexOutOfBoundsException | IOException e) {
                throw MALFORMED;
            }
        }
    }

    static TopLevel index(byte[] json) throws Malformed {
        ProjectionScanner s = new ProjectionScanner(json, 0);
        TopLevel t = new TopLevel(json);
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
                    boolean escaped = s.skipStringBody();
                    int keyEnd = s.i - 1;
                    s.ws();
                    s.expect(':');
                    s.ws();
                    t.add(keyStart, keyEnd, escaped, s.i);
                    s.skipValue();
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

    private String stringValue() throws Malformed {
        try {
            expect('"');
            int start = i;
            boolean esc = skipStringBody();
            return esc ? decode(start, i - 1) : ascii(start, i - 1);
        } catch (IOException e) {
            throw MALFORMED;
        }
    }

    private int indexOf(byte[][] keys, int from, int len) {
        outer:
        for (int k = 0; k < keys.length; k++) {
            if (keys[k].length != len) {
                continue;
            }
            for (int j = 0; j < len; j++) {
                if (keys[k][j] != b[from + j]) {
                    continue outer;
                }
            }
            return k;
        }
        return -1;
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
            if (((long) LONGS.get(b, k) & HIGHS) != 0) {
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
            int depth = 0;
            while (true) {
                byte x = b[i++];
                if (x == '"') {
                    skipStringBody();
                } else if (x == '{' || x == '[') {
                    depth++;
                } else if (x == '}' || x == ']') {
                    if (--depth == 0) {
                        return;
                    }
                }
            }
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

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * A mask with the high bit set in each byte of {@code word} equal to the byte {@code pattern} repeats. Bits
     * above the lowest one may be false alarms (borrows), so only the lowest is ever used.
     */
    private static long matches(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }

    /** From just after an opening quote to just after the closing one; true when the string holds escapes. */
    private boolean skipStringBody() {
        boolean escaped = false;
        while (i + 8 <= b.length) {
            long w = (long) LONGS.get(b, i);
            long m = matches(w, 0x2222222222222222L) | matches(w, 0x5C5C5C5C5C5C5C5CL);
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
        // Escapes are rare in CloudTrail; let Jackson apply JSON's rules exactly.
        return Projection.MAPPER.readTree(b, start - 1, end - start + 2).textValue();
    }

    private void ws() {
        while (i < b.length) {
            byte x = b[i];
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return;
            }
            i++;
        }
    }

    private void expect(char c) throws Malformed {
        if (b[i] != c) {
            throw MALFORMED;
        }
        i++;
    }
}
