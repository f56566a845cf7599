package io.trailhawk.rules.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several substrings searched for at once, ignoring ASCII case, as a fused chain of {@code icontains} needs. One
 * pass over the value looks at each pair of adjacent characters; only where a pair begins some needle is that needle
 * compared. The value is never copied or lowered.
 */
final class NeedleSet {
    private static final int PAIRS = 1 << 14;

    /** Bit per lowered ASCII pair {@code (first << 7) | second} that begins a needle. */
    private final long[] starts = new long[PAIRS / 64];
    private final Map<Integer, String[]> byPair = new HashMap<>();
    /** Needles the pair filter cannot hold: shorter than two characters, or starting outside ASCII. */
    private final String[] others;
    private final boolean matchesAll;
    /**
     * The last value searched and its verdict. A CloudTrail stream repeats the same few user agents, so the
     * common case is one vectorised equality test. Immutable, so threads may race to replace it.
     */
    private Verdict last = new Verdict("", false);

    private static final class Verdict {
        final String value;
        final boolean found;

        Verdict(String value, boolean found) {
            this.value = value;
            this.found = found;
        }
    }

    private NeedleSet(List<String> lowered) {
        Map<Integer, List<String>> pairs = new HashMap<>();
        List<String> rest = new ArrayList<>();
        boolean empty = false;
        for (String n : lowered) {
            if (n.isEmpty()) {
                empty = true;
            } else if (n.length() < 2 || n.charAt(0) >= 128 || n.charAt(1) >= 128) {
                rest.add(n);
            } else {
                int pair = (n.charAt(0) << 7) | n.charAt(1);
                starts[pair >>> 6] |= 1L << pair;
                pairs.computeIfAbsent(pair, k -> new ArrayList<>()).add(n);
            }
        }
        pairs.forEach((pair, needles) -> byPair.put(pair, needles.toArray(new String[0])));
        this.others = rest.toArray(new String[0]);
        this.matchesAll = empty;
    }

    /** The needles, lowered (ASCII only, as Falco does). */
    static NeedleSet of(List<String> needles) {
        List<String> lowered = new ArrayList<>(needles.size());
        for (String n : needles) {
            lowered.add(StringMatchers.asciiLower(n));
        }
        return new NeedleSet(lowered);
    }

    boolean foundIn(String s) {
        if (matchesAll) {
            return true;
        }
        Verdict v = last;
        if (v.value.equals(s)) {
            return v.found;
        }
        boolean found = search(s);
        last = new Verdict(s, found);
        return found;
    }

    private boolean search(String s) {
        int last = s.length() - 1;
        if (last > 0) {
            char next = lower(s.charAt(0));
            for (int i = 0; i < last; i++) {
                char c = next;
                next = lower(s.charAt(i + 1));
                if ((c | next) < 128) {
                    int pair = (c << 7) | next;
                    if ((starts[pair >>> 6] & (1L << pair)) != 0 && anyAt(s, i, byPair.get(pair))) {
                        return true;
                    }
                }
            }
        }
        for (String n : others) {
            if (StringMatchers.indexOfIgnoreAsciiCase(s, n) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyAt(String s, int at, String[] needles) {
        outer:
        for (String n : needles) {
            if (at + n.length() > s.length()) {
                continue;
            }
            for (int k = 2; k < n.length(); k++) {
                if (lower(s.charAt(at + k)) != n.charAt(k)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    @Override
    public String toString() {
        return "NeedleSet" + Arrays.toString(others) + byPair.keySet();
    }
}
