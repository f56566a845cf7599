package io.trailhawk.rules.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each top-level member of one record lies: its key and the start of its value, in record order. Built by
 * one pass of {@link ProjectionScanner}; members are read from it only when a rule asks for them.
 */
final class RecordIndex {
    private static final int KEY_START = 0;
    private static final int KEY_END = 1;
    private static final int VALUE_START = 2;
    private static final int STRIDE = 3;

    final byte[] json;
    private int count;
    private int[] slots = new int[STRIDE * 24];
    /** For each member the projection names, by its child index: 1 + where it is here, or 0 when absent. */
    private final int[] wanted;

    RecordIndex(byte[] json, int wantedNames) {
        this.json = json;
        this.wanted = new int[wantedNames];
    }

    /** Records a member; {@code child} is its index among the projection's names, or -1. */
    void add(int keyStart, int keyEnd, int valueStart, int child) {
        if (child >= 0) {
            wanted[child] = count + 1;
        }
        int at = count * STRIDE;
        if (at == slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        slots[at + KEY_START] = keyStart;
        slots[at + KEY_END] = keyEnd;
        slots[at + VALUE_START] = valueStart;
        count++;
    }

    int count() {
        return count;
    }

    /** Where the projection's member with this child index is, or -1. The last one counts, as in a full parse. */
    int wanted(int child) {
        return wanted[child] - 1;
    }

    /** The member with this name, or -1. With duplicate keys the last one counts, as in a full parse. */
    int find(String name) {
        int n = name.length();
        for (int k = count - 1; k >= 0; k--) {
            int start = slots[k * STRIDE + KEY_START];
            if (slots[k * STRIDE + KEY_END] - start != n) {
                continue;
            }
            int j = 0;
            while (j < n && json[start + j] == name.charAt(j)) {
                j++;
            }
            if (j == n) {
                return k;
            }
        }
        return isAscii(name) ? -1 : find(name.getBytes(StandardCharsets.UTF_8));
    }

    private int find(byte[] name) {
        for (int k = count - 1; k >= 0; k--) {
            int start = slots[k * STRIDE + KEY_START];
            if (Arrays.equals(json, start, slots[k * STRIDE + KEY_END], name, 0, name.length)) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isAscii(String s) {
        for (int j = 0; j < s.length(); j++) {
            if (s.charAt(j) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Member {@code k}'s value, with only what {@code wanted} names built (null: all of it). */
    JsonNode value(int k, Projection.Member wanted) throws ProjectionScanner.Malformed {
        return ProjectionScanner.valueAt(json, slots[k * STRIDE + VALUE_START], wanted);
    }
}
