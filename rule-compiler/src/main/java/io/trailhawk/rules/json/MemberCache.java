package io.trailhawk.rules.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * Top-level members built recently by one thread, found again by their exact bytes. CloudTrail repeats itself: the
 * same service, region, user agent and caller identity come back event after event, so a member is most often
 * found here instead of being built again. A hit is a hash and one comparison of the bytes; nothing is allocated.
 * The nodes are shared between events and never changed. One per thread and projection: not thread-safe.
 */
final class MemberCache {
    /** Larger values are built every time: they rarely repeat, and would crowd out the ones that do. */
    static final int MAX_BYTES = 1024;
    private static final int SLOTS = 1024;

    private final byte[][] keys = new byte[SLOTS][];
    private final int[] children = new int[SLOTS];
    private final JsonNode[] nodes = new JsonNode[SLOTS];

    /** The member built before from the same bytes {@code json[start, end)} for the same child, or null. */
    JsonNode get(int child, byte[] json, int start, int end) {
        int slot = slot(child, json, start, end);
        byte[] key = keys[slot];
        if (key != null && children[slot] == child && Arrays.equals(key, 0, key.length, json, start, end)) {
            return nodes[slot];
        }
        return null;
    }

    void put(int child, byte[] json, int start, int end, JsonNode node) {
        int slot = slot(child, json, start, end);
        keys[slot] = Arrays.copyOfRange(json, start, end);
        children[slot] = child;
        nodes[slot] = node;
    }

    private static int slot(int child, byte[] json, int start, int end) {
        long h = child * 0x9E3779B97F4A7C15L + (end - start);
        int i = start;
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft(h ^ Words.at(json, i), 29) * 0xBF58476D1CE4E5B9L;
        }
        for (; i < end; i++) {
            h = (h ^ json[i]) * 0x94D049BB133111EBL;
        }
        h ^= h >>> 31;
        return (int) h & (SLOTS - 1);
    }
}
