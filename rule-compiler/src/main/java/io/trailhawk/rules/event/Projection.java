package io.trailhawk.rules.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads only the parts of a CloudTrail record that a ruleset uses, in one streaming pass: members nobody reads are
 * skipped without building anything. The result is a tree with exactly those parts, so every field reads the same
 * value from it as from the whole record.
 */
public final class Projection {
    /** What every evaluation needs besides the rules' own fields: the index keys and the alert's pivots. */
    private static final List<String> ALWAYS = List.of("eventTime", "eventType", "eventName", "eventSource",
            "eventID", "awsRegion", "recipientAccountId", "userIdentity.accountId");

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Member root;
    private final boolean everything;

    private Projection(Member root, boolean everything) {
        this.root = root;
        this.everything = everything;
    }

    /** A projection of the given member paths (each a subtree; an empty path is the whole record). */
    public static Projection of(Collection<String[]> paths) {
        Member root = new Member();
        boolean all = false;
        for (String p : ALWAYS) {
            root.add(p.split("\\."), 0);
        }
        for (String[] p : paths) {
            if (p.length == 0) {
                all = true;
            }
            root.add(p, 0);
        }
        return new Projection(root, all);
    }

    /** No projection: the whole record. The reference for equivalence. */
    public static Projection everything() {
        return new Projection(new Member(), true);
    }

    public boolean isEverything() {
        return everything;
    }

    /** Parses one record. Malformed JSON throws, as a full parse would. */
    public JsonNode read(byte[] json) throws IOException {
        if (everything) {
            return MAPPER.readTree(json);
        }
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return MAPPER.readTree(json);
            }
            return readObject(p, root);
        }
    }

    private static ObjectNode readObject(JsonParser p, Member member) throws IOException {
        ObjectNode out = MAPPER.getNodeFactory().objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Member child = member.children.get(p.currentName());
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (child == null) {
                p.skipChildren();
            } else if (child.whole || value != JsonToken.START_OBJECT) {
                // Arrays are read whole: a pointer may index them, and CloudTrail's are small.
                out.set(name, readValue(p, value));
            } else {
                out.set(name, readObject(p, child));
            }
        }
        return out;
    }

    /** The value at the current token, built directly: the same nodes a full parse builds, without databind. */
    private static JsonNode readValue(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = MAPPER.getNodeFactory();
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    o.set(name, readValue(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    a.add(readValue(p, e));
                }
                return a;
            }
            case VALUE_STRING:
                return f.textNode(p.getText());
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            case VALUE_NULL:
                return f.nullNode();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                // Numbers are rare in CloudTrail; let Jackson pick the same node type as a full parse.
                return p.readValueAsTree();
            default:
                throw new IOException("unexpected token " + t);
        }
    }

    /** A node of the path trie. */
    private static final class Member {
        final Map<String, Member> children = new HashMap<>();
        boolean whole;

        void add(String[] path, int i) {
            if (i == path.length) {
                whole = true;
                return;
            }
            children.computeIfAbsent(path[i], k -> new Member()).add(path, i + 1);
        }
    }
}
