package io.trailhawk.rules.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * Where the top-level members a ruleset reads lie in one record, found by one pass of {@link ProjectionScanner}
 * or taken from the decoder's {@link RecordLayout}; each is built only when a rule asks for it. Members the ruleset
 * does not read are not recorded. Reused from one record to the next by its thread's reader.
 */
final class RecordIndex {
    byte[] json;
    final ProjectionScanner scanner = new ProjectionScanner();
    /** By the member's child index in the projection: 1 + where its value starts, or 0 when absent. */
    private final int[] valueStarts;
    /** By the member's child index: where its value ends (exclusive), when recorded. */
    private final int[] valueEnds;

    RecordIndex(int wantedNames) {
        this.valueStarts = new int[wantedNames];
        this.valueEnds = new int[wantedNames];
    }

    /** Starts on a new record, with nothing recorded. */
    RecordIndex reset(byte[] json) {
        this.json = json;
        Arrays.fill(valueStarts, 0);
        return this;
    }

    /** Records the members {@code root} names, taken from a layout of the same bytes. */
    RecordIndex fill(RecordLayout layout, Projection.Member root) {
        for (int k = 0; k < layout.count(); k++) {
            int child = root.childIndex(json, layout.keyStart(k), layout.keyEnd(k) - layout.keyStart(k));
            if (child >= 0) {
                add(child, layout.valueStart(k), layout.valueEnd(json, k));
            }
        }
        return this;
    }

    /** Records a member the projection names; with duplicate keys the last one counts, as in a full parse. */
    void add(int child, int valueStart, int valueEnd) {
        valueStarts[child] = valueStart + 1;
        valueEnds[child] = valueEnd;
    }

    boolean has(int child) {
        return valueStarts[child] != 0;
    }

    /** Where a recorded member's value starts. */
    int start(int child) {
        return valueStarts[child] - 1;
    }

    /** A recorded member's value, with only what {@code wanted} names built. */
    JsonNode value(int child, Projection.Member wanted, MemberCache cache) throws Unscannable {
        return ProjectionScanner.valueAt(scanner.at(json, 0), valueStarts[child] - 1, valueEnds[child], wanted, cache);
    }
}
