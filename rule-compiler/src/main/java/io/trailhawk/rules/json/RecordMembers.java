package io.trailhawk.rules.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * The top-level members of one record that a projection names, located in one pass and each built the first time it
 * is asked for, with only the parts the projection names, or taken from a cache of members built lately when an
 * earlier record had the same bytes. Reused from record to record by one reader on one thread: not thread-safe.
 */
public final class RecordMembers {
    /** Member names kept by identity ({@link #childOf}): more than the distinct top-level names rules read. */
    private static final int NAME_SLOTS = 128;
    private static final int NAME_PROBES = 8;

    private final Projection.Member root;
    private final RecordIndex index;
    private final MemberCache recent = new MemberCache();
    private final JsonNode[] built;
    private final String[] slotNames = new String[NAME_SLOTS];
    private final int[] slotChildren = new int[NAME_SLOTS];

    /** For a projection that is not {@linkplain Projection#isEverything() everything}. */
    public RecordMembers(Projection projection) {
        if (projection.isEverything()) {
            throw new IllegalArgumentException("a projection of the whole record names no members");
        }
        this.root = projection.root();
        this.index = new RecordIndex(root.childCount());
        this.built = new JsonNode[root.childCount()];
    }

    /** Locates the members of a record; {@code layout}, when not null, says where they are. */
    public void locate(byte[] json, RecordLayout layout) throws Unscannable {
        index.reset(json);
        Arrays.fill(built, null);
        if (layout == null) {
            ProjectionScanner.index(index, root);
        } else {
            index.fill(layout, root);
        }
    }

    /** The whole record, parsed by Jackson. */
    public JsonNode parseWhole() throws IOException {
        return Projection.MAPPER.readTree(index.json);
    }

    /** The record's bytes. */
    public byte[] json() {
        return index.json;
    }

    /**
     * What {@link #member} answers for a member the projection does not name: the record may have it, but it was
     * not located. Compared by identity; no record holds it.
     */
    public static final JsonNode UNNAMED = new TextNode("");

    /**
     * A top-level member: its value, built the first time; null when the record has none; {@link #UNNAMED} when
     * the projection does not name it. One lookup of the name, as every field read of every rule comes here.
     */
    public JsonNode member(String name) throws Unscannable {
        int child = childOf(name);
        if (child < 0) {
            return UNNAMED;
        }
        if (!index.has(child)) {
            return null;
        }
        JsonNode m = built[child];
        if (m == null) {
            m = index.value(child, root.member(child), recent);
            built[child] = m;
        }
        return m;
    }

    /**
     * The projection's index of a member name, or -1. Fields name members with constant strings, so the answer is
     * kept by the string's identity: a short probe of two small arrays instead of a hash map's chain of objects,
     * which this lookup, made for every field read of every rule, paid for in cache misses. Once the table is
     * crowded, other names go to the map each time.
     */
    private int childOf(String name) {
        int slot = System.identityHashCode(name) & (NAME_SLOTS - 1);
        for (int probe = 0; probe < NAME_PROBES; probe++) {
            String kept = slotNames[slot];
            if (kept == name) {
                return slotChildren[slot];
            }
            if (kept == null) {
                int child = childInProjection(name);
                slotNames[slot] = name;
                slotChildren[slot] = child;
                return child;
            }
            slot = (slot + 1) & (NAME_SLOTS - 1);
        }
        return childInProjection(name);
    }

    private int childInProjection(String name) {
        Projection.Member parts = root.child(name);
        return parts == null ? -1 : parts.index;
    }

    /** Where a named member's value starts, or -1 when the record has none. */
    public int valueStart(String name) {
        int child = childOf(name);
        return child >= 0 && index.has(child) ? index.start(child) : -1;
    }
}
