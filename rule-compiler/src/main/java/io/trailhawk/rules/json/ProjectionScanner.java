package io.trailhawk.rules.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The projection's member scanning. Members nobody reads are skipped by scanning for their end (strings, escapes
 * and nesting only), which costs far less than tokenising them; wanted strings are decoded here, and any other
 * wanted value is handed to Jackson as a slice, so its nodes are exactly those a full parse builds. Anything
 * unexpected throws {@link Unscannable}, and the caller falls back to Jackson for the whole record.
 */
final class ProjectionScanner extends JsonLexer {
    private static final JsonNodeFactory NODES = Projection.MAPPER.getNodeFactory();

    private ProjectionScanner(byte[] b, int at) {
        super(b, at);
    }

    /** A scanner to be pointed at records with {@link #at}: a record index keeps one and reuses it. */
    ProjectionScanner() {
        super(new byte[0], 0);
    }

    ProjectionScanner at(byte[] json, int position) {
        this.b = json;
        this.i = position;
        return this;
    }

    /** The whole record, with only what {@code root} names built. */
    static ObjectNode read(byte[] json, Projection.Member root) throws Unscannable {
        ProjectionScanner s = new ProjectionScanner(json, 0);
        try {
            s.blanks();
            ObjectNode o = s.object(root);
            s.blanks();
            if (s.i != json.length) {
                throw MALFORMED;
            }
            return o;
        } catch (ArrayIndexOutOfBoundsException | IOException e) {
            throw MALFORMED;
        }
    }

    /**
     * Where each top-level member that {@code root} names lies, found in one pass over the record. Nested members
     * are skipped by looking only at quotes and brackets, eight bytes at a time. A key with an escape is left to the
     * general path, so that names can be compared byte for byte.
     */
    static RecordIndex index(RecordIndex t, Projection.Member root) throws Unscannable {
        byte[] json = t.json;
        ProjectionScanner s = t.scanner.at(json, 0);
        try {
            s.blanks();
            s.expect('{');
            s.blanks();
            if (json[s.i] == '}') {
                s.i++;
            } else {
                while (true) {
                    s.blanks();
                    s.expect('"');
                    int keyStart = s.i;
                    if (s.skipStringBody()) {
                        throw MALFORMED;
                    }
                    int keyEnd = s.i - 1;
                    s.blanks();
                    s.expect(':');
                    s.blanks();
                    int child = root.childIndex(json, keyStart, keyEnd - keyStart);
                    int valueStart = s.i;
                    s.skipValue();
                    if (child >= 0) {
                        t.add(child, valueStart, s.i);
                    }
                    s.blanks();
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
            s.blanks();
            if (s.i != json.length) {
                throw MALFORMED;
            }
            return t;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw MALFORMED;
        }
    }

    /**
     * The value in {@code [at, end)}, with only what {@code wanted} names built when it is an object; taken from
     * {@code cache} when the same bytes came before.
     */
    static JsonNode valueAt(ProjectionScanner s, int at, int end, Projection.Member wanted, MemberCache cache)
            throws Unscannable {
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
    private JsonNode build(Projection.Member wanted) throws Unscannable {
        try {
            return wanted != null && !wanted.whole && b[i] == '{' ? object(wanted) : value();
        } catch (ArrayIndexOutOfBoundsException | IOException e) {
            throw MALFORMED;
        }
    }

    private ObjectNode object(Projection.Member member) throws Unscannable, IOException {
        expect('{');
        ObjectNode out = NODES.objectNode();
        blanks();
        if (b[i] == '}') {
            i++;
            return out;
        }
        while (true) {
            blanks();
            expect('"');
            int keyStart = i;
            boolean escaped = skipStringBody();
            int keyEnd = i - 1;
            blanks();
            expect(':');
            blanks();
            Projection.Member child;
            String name;
            if (escaped) {
                name = decodeString(b, keyStart, keyEnd);
                child = member.child(name);
            } else {
                int k = member.childIndex(b, keyStart, keyEnd - keyStart);
                child = k < 0 ? null : member.member(k);
                name = k < 0 ? null : member.name(k);
            }
            if (child == null) {
                skipValue();
            } else if (!child.whole && b[i] == '{') {
                out.set(name, object(child));
            } else {
                out.set(name, value());
            }
            blanks();
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

    /** {@code node}, when the literal just read is followed by what may follow a value ({@code truex} is not). */
    private JsonNode literalEnds(JsonNode node) throws Unscannable {
        if (!delimiter()) {
            throw MALFORMED;
        }
        return node;
    }

    /** A wanted value: strings and literals built here, anything else parsed by Jackson from its slice. */
    private JsonNode value() throws Unscannable, IOException {
        byte c = b[i];
        if (c == '"') {
            i++;
            int start = i;
            boolean escaped = skipStringBody();
            return NODES.textNode(escaped ? decodeString(b, start, i - 1) : ascii(start, i - 1));
        }
        if (literal("true")) {
            return literalEnds(NODES.booleanNode(true));
        }
        if (literal("false")) {
            return literalEnds(NODES.booleanNode(false));
        }
        if (literal("null")) {
            return literalEnds(NODES.nullNode());
        }
        int start = i;
        skipValue();
        return Projection.MAPPER.readTree(b, start, i - start);
    }
}
