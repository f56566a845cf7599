package io.trailhawk.rules.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * The top-level members of one record that a projection names, located in one pass and each built the first time it
 * is asked for, with only the parts the projection names, or taken from a cache of members built lately when an
 * earlier record had the same bytes. Reused from record to record by one reader on one thread: not thread-safe.
 */
public final class RecordMembers {
    private final Projection.Member root;
    private final RecordIndex index;
    private final MemberCache recent = new MemberCache();
    private final JsonNode[] built;

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

    /** Whether the projection names this member, so that {@link #member} can answer for it. */
    public boolean names(String name) {
        return root.child(name) != null;
    }

    /** A member the projection {@linkplain #names names}, or null when the record has none. */
    public JsonNode member(String name) throws Unscannable {
        Projection.Member parts = root.child(name);
        if (!index.has(parts.index)) {
            return null;
        }
        JsonNode m = built[parts.index];
        if (m == null) {
            m = index.value(parts.index, parts, recent);
            built[parts.index] = m;
        }
        return m;
    }

    /** Where a named member's value starts, or -1 when the record has none. */
    public int valueStart(String name) {
        Projection.Member parts = root.child(name);
        return parts != null && index.has(parts.index) ? index.start(parts.index) : -1;
    }
}
