package io.trailhawk.rules.json;

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

    /** The members this projection wants, as a trie; null for the whole record. */
    Member root() {
        return everything ? null : root;
    }

    /**
     * Parses one record. Structural errors and malformed values that are read throw, as a full parse would; the
     * inside of members that are skipped is not checked. Records reach here from the decoder, which has checked
     * them.
     */
    public JsonNode read(byte[] json) throws IOException {
        if (everything) {
            return MAPPER.readTree(json);
        }
        try {
            return ProjectionScanner.read(json, root);
        } catch (Unscannable e) {
            return readWithJackson(json);
        }
    }

    /** The same projection through Jackson's parser: the fallback for input the scanner does not handle. */
    JsonNode readWithJackson(byte[] json) throws IOException {
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

    /** A node of the path trie. Its children are found by their UTF-8 key bytes through a small hash table. */
    static final class Member {

        final Map<String, Member> children = new HashMap<>();
        boolean whole;
        /** This member's position among its parent's children. */
        final int index;
        private byte[][] keys = new byte[0][];
        private String[] names = new String[0];
        private Member[] members = new Member[0];
        /**
         * Open addressing over each key's length and first eight bytes: per slot the child index + 1 (0 when
         * empty), and those eight bytes as one word, so that most keys are matched by one comparison.
         */
        private int[] table = new int[0];
        private long[] tableHeads = new long[0];

        Member() {
            this(-1);
        }

        private Member(int index) {
            this.index = index;
        }

        void add(String[] path, int i) {
            if (i == path.length) {
                whole = true;
                return;
            }
            Member m = children.get(path[i]);
            if (m == null) {
                m = new Member(members.length);
                children.put(path[i], m);
                keys = java.util.Arrays.copyOf(keys, keys.length + 1);
                keys[keys.length - 1] = path[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                names = java.util.Arrays.copyOf(names, names.length + 1);
                names[names.length - 1] = path[i];
                members = java.util.Arrays.copyOf(members, members.length + 1);
                members[members.length - 1] = m;
                rehash();
            }
            m.add(path, i + 1);
        }

        private void rehash() {
            int size = Integer.highestOneBit(keys.length * 4 - 1) << 1;
            table = new int[size];
            tableHeads = new long[size];
            for (int k = 0; k < keys.length; k++) {
                long head = head(keys[k], 0, keys[k].length);
                int slot = hash(head, keys[k].length) & (size - 1);
                while (table[slot] != 0) {
                    slot = (slot + 1) & (size - 1);
                }
                table[slot] = k + 1;
                tableHeads[slot] = head;
            }
        }

        /** Up to the first eight bytes of a key, little-endian, zero above its length. */
        private static long head(byte[] b, int from, int len) {
            if (from + 8 <= b.length) {
                long w = Words.at(b, from);
                return len < 8 ? w & ((1L << (len << 3)) - 1) : w;
            }
            long w = 0;
            for (int j = 0; j < Math.min(len, 8); j++) {
                w |= (b[from + j] & 0xFFL) << (8 * j);
            }
            return w;
        }

        private static int hash(long head, int len) {
            long h = (head + len) * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        int childCount() {
            return members.length;
        }

        Member child(String name) {
            return children.get(name);
        }

        /** The index of the child named by the UTF-8 bytes {@code b[from, from + len)}, or -1. */
        int childIndex(byte[] b, int from, int len) {
            if (table.length == 0) {
                return -1;
            }
            long head = head(b, from, len);
            int slot = hash(head, len) & (table.length - 1);
            while (true) {
                int k = table[slot] - 1;
                if (k < 0) {
                    return -1;
                }
                if (tableHeads[slot] == head && keys[k].length == len && tailEquals(keys[k], b, from)) {
                    return k;
                }
                slot = (slot + 1) & (table.length - 1);
            }
        }

        private static boolean tailEquals(byte[] key, byte[] b, int from) {
            for (int j = 8; j < key.length; j++) {
                if (key[j] != b[from + j]) {
                    return false;
                }
            }
            return true;
        }

        Member member(int index) {
            return members[index];
        }

        String name(int index) {
            return names[index];
        }
    }
}
