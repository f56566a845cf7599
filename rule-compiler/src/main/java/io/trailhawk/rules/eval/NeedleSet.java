package io.trailhawk.rules.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several substrings searched for at once, ignoring ASCII case: a fused chain of {@code icontains} uses it, and so
 * does the rule index for rules that require a substring. One pass over the value looks at each pair of adjacent
 * characters; only where a pair begins some needle is that needle compared. The value is never copied or lowered.
 * Immutable apart from a memo of the last answer, and thread-safe.
 */
public final class NeedleSet {
    private static final int PAIRS = 1 << 14;
    private static final int[] NONE = new int[0];
    private static final int IDENTITY_SLOTS = 64;

    /** Lowered (ASCII only, as Falco does), in the order given. */
    private final String[] needles;
    /** Bit per lowered ASCII pair {@code (first << 7) | second} that begins a needle. */
    private final long[] starts = new long[PAIRS / 64];
    /** The pairs that begin needles, sorted, and for each the needles it begins. */
    private final int[] pairs;
    private final int[][] pairNeedles;
    /** Needles the pair filter cannot hold: shorter than two characters, or starting outside ASCII. */
    private final int[] others;
    /**
     * The last value searched and the needles found in it. A CloudTrail stream repeats the same few user agents,
     * so the common case is one vectorised equality test. Immutable, so threads may race to replace it.
     */
    private Found last;
    /**
     * Answers kept by the value's identity. Members built from the same bytes are shared from event to event, so a
     * user agent or ARN that comes back is the same string, and several that alternate are each found here by one
     * comparison of references. Entries are immutable, so threads may race to replace them.
     */
    private final Found[] byIdentity = new Found[IDENTITY_SLOTS];

    private static final class Found {
        final String value;
        final int[] needles;

        Found(String value, int[] needles) {
            this.value = value;
            this.needles = needles;
        }
    }

    private NeedleSet(String[] lowered) {
        this.needles = lowered;
        Map<Integer, List<Integer>> byPair = new HashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int id = 0; id < lowered.length; id++) {
            String n = lowered[id];
            if (n.length() < 2 || n.charAt(0) >= 128 || n.charAt(1) >= 128) {
                rest.add(id);
            } else {
                int pair = (n.charAt(0) << 7) | n.charAt(1);
                starts[pair >>> 6] |= 1L << pair;
                byPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(id);
            }
        }
        this.pairs = byPair.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        this.pairNeedles = new int[pairs.length][];
        for (int k = 0; k < pairs.length; k++) {
            pairNeedles[k] = byPair.get(pairs[k]).stream().mapToInt(Integer::intValue).toArray();
        }
        this.others = rest.stream().mapToInt(Integer::intValue).toArray();
        this.last = new Found("", search(""));
    }

    public static NeedleSet of(List<String> needles) {
        String[] lowered = new String[needles.size()];
        for (int i = 0; i < lowered.length; i++) {
            lowered[i] = StringMatchers.asciiLower(needles.get(i));
        }
        return new NeedleSet(lowered);
    }

    /** Whether any needle occurs in {@code s}. */
    public boolean foundIn(String s) {
        return found(s).length > 0;
    }

    /** The positions (in the list given) of the needles that occur in {@code s}, in ascending order. */
    public int[] found(String s) {
        int slot = System.identityHashCode(s) & (IDENTITY_SLOTS - 1);
        Found f = byIdentity[slot];
        if (f != null && f.value == s) {
            return f.needles;
        }
        f = last;
        if (!f.value.equals(s)) {
            f = new Found(s, search(s));
            last = f;
        }
        byIdentity[slot] = f.value == s ? f : new Found(s, f.needles);
        return f.needles;
    }

    private int[] search(String s) {
        boolean[] hit = null;
        int last = s.length() - 1;
        if (last > 0) {
            char next = lower(s.charAt(0));
            for (int i = 0; i < last; i++) {
                char c = next;
                next = lower(s.charAt(i + 1));
                if ((c | next) < 128) {
                    int pair = (c << 7) | next;
                    if ((starts[pair >>> 6] & (1L << pair)) != 0) {
                        for (int id : pairNeedles[Arrays.binarySearch(pairs, pair)]) {
                            if (at(s, i, needles[id])) {
                                hit = mark(hit, id);
                            }
                        }
                    }
                }
            }
        }
        for (int id : others) {
            if (needles[id].isEmpty() || StringMatchers.indexOfIgnoreAsciiCase(s, needles[id]) >= 0) {
                hit = mark(hit, id);
            }
        }
        if (hit == null) {
            return NONE;
        }
        int[] ids = new int[needles.length];
        int n = 0;
        for (int id = 0; id < hit.length; id++) {
            if (hit[id]) {
                ids[n++] = id;
            }
        }
        return Arrays.copyOf(ids, n);
    }

    private boolean[] mark(boolean[] hit, int id) {
        boolean[] h = hit == null ? new boolean[needles.length] : hit;
        h[id] = true;
        return h;
    }

    private static boolean at(String s, int at, String needle) {
        if (at + needle.length() > s.length()) {
            return false;
        }
        for (int k = 2; k < needle.length(); k++) {
            if (lower(s.charAt(at + k)) != needle.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    @Override
    public String toString() {
        return "NeedleSet" + Arrays.toString(needles);
    }
}
