package io.trailhawk.rules.json;

import java.util.Arrays;

/**
 * Where each top-level member of a record lies, found while checking that the record is one valid JSON object. The
 * decoder makes it once, while it validates; evaluation then finds members without scanning the record again.
 *
 * <p>{@link #scan} accepts only what a strict JSON parser accepts, and leaves to one (returns null) everything it
 * does not settle itself: invalid input (so the parser can say what is wrong, and where), strings with non-ASCII
 * bytes, escaped keys, nesting deeper than 64, names and strings beyond Jackson's length limits, and anything after
 * the object. Immutable.
 */
public final class RecordLayout {
    private static final int MAX_DEPTH = 64;
    /** Longer numbers are left to the parser, which has its own limits for them. */
    private static final int MAX_NUMBER = 100;
    /** Jackson's default limits on a name and on a string: input beyond them is the parser's to reject. */
    private static final int MAX_NAME = 50_000;
    private static final int MAX_STRING = 20_000_000;

    /** Per member: key start, key end (the closing quote) and value start. */
    private final int[] members;

    private RecordLayout(int[] members) {
        this.members = members;
    }

    /** A layout as {@link #toArray} gave it, for the same bytes. */
    public static RecordLayout of(int[] members) {
        if (members.length % 3 != 0) {
            throw new IllegalArgumentException("a layout has three positions per member");
        }
        return new RecordLayout(members);
    }

    /** The positions, three per member, for sending along with the record. */
    public int[] toArray() {
        return members.clone();
    }

    public int count() {
        return members.length / 3;
    }

    int keyStart(int k) {
        return members[3 * k];
    }

    int keyEnd(int k) {
        return members[3 * k + 1];
    }

    /**
     * Where member {@code k}'s value ends (exclusive) in the bytes it was found in: before the separator that
     * follows it, which is the next member's comma, or the record's closing brace.
     */
    int valueEnd(byte[] json, int k) {
        int i = k + 1 < count() ? keyStart(k + 1) - 2 : json.length - 1;
        i = skipBackOverSpace(json, i);
        // Now at the comma before the next key, or at the closing brace.
        return skipBackOverSpace(json, i - 1) + 1;
    }

    private static int skipBackOverSpace(byte[] json, int i) {
        while (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t') {
            i--;
        }
        return i;
    }

    /**
     * The member with this name (its UTF-8 bytes), or -1; the last one counts when a key repeats, as in a full
     * parse.
     */
    public int find(byte[] json, byte[] name) {
        for (int k = count() - 1; k >= 0; k--) {
            if (keyEnd(k) - keyStart(k) == name.length
                    && Arrays.equals(json, keyStart(k), keyEnd(k), name, 0, name.length)) {
                return k;
            }
        }
        return -1;
    }

    /** Where member {@code k}'s value starts. */
    public int valueStart(int k) {
        return members[3 * k + 2];
    }

    /** The text of member {@code k} when its value is a string, else null. */
    public String string(byte[] json, int k) {
        if (k < 0 || json[valueStart(k)] != '"') {
            return null;
        }
        int start = valueStart(k) + 1;
        JsonLexer lexer = new JsonLexer(json, start);
        boolean escaped = lexer.skipStringBody();
        int end = lexer.i - 1;
        return escaped ? JsonLexer.decodeString(json, start, end) : lexer.ascii(start, end);
    }

    /** The layout of a valid JSON object, or null when the input is not one this scan settles (see above). */
    public static RecordLayout scan(byte[] json) {
        try {
            return new Validator(json).record();
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** A strict JSON check in one pass, without recursion: a bit per open container says object or array. */
    private static final class Validator extends JsonLexer {
        private int[] members = new int[3 * 24];
        private int count;

        Validator(byte[] b) {
            super(b, 0);
        }

        RecordLayout record() {
            blanks();
            if (b[i] != '{') {
                return null;
            }
            byte open = b[i++];
            long objects = 0;
            int depth = 0;
            containers:
            while (true) {
                // An opening bracket was just read.
                if (depth == MAX_DEPTH) {
                    return null;
                }
                objects = open == '{' ? objects | (1L << depth) : objects & ~(1L << depth);
                depth++;
                blanks();
                if (b[i] == (open == '{' ? '}' : ']')) {
                    i++;
                    depth--;
                } else {
                    int v = open == '{' ? member(depth) : value();
                    if (v < 0) {
                        return null;
                    }
                    if (v == OPENED) {
                        open = b[i - 1];
                        continue;
                    }
                }
                // A value has ended: read separators and closing brackets until the next value opens a container.
                while (depth > 0) {
                    blanks();
                    byte c = b[i++];
                    boolean inObject = (objects & (1L << (depth - 1))) != 0;
                    if (c == ',') {
                        blanks();
                        int v = inObject ? member(depth) : value();
                        if (v < 0) {
                            return null;
                        }
                        if (v == OPENED) {
                            open = b[i - 1];
                            continue containers;
                        }
                    } else if (c == (inObject ? '}' : ']')) {
                        depth--;
                    } else {
                        return null;
                    }
                }
                break;
            }
            blanks();
            if (i != b.length) {
                return null;
            }
            return new RecordLayout(Arrays.copyOf(members, 3 * count));
        }

        /** What {@link #value} read: a whole scalar, or only a container's opening bracket. */
        private static final int SCALAR = 0;
        private static final int OPENED = 1;

        /** A member of the object at {@code depth}: key, colon, value; as {@link #value}, or -1 if invalid. */
        private int member(int depth) {
            if (b[i] != '"') {
                return -1;
            }
            int keyStart = ++i;
            int escaped = checkedString(MAX_STRING);
            if (escaped < 0 || depth == 1 && escaped == 1 || i - 1 - keyStart > MAX_NAME) {
                return -1;
            }
            int keyEnd = i - 1;
            blanks();
            if (b[i++] != ':') {
                return -1;
            }
            blanks();
            if (depth == 1) {
                if (3 * count == members.length) {
                    members = Arrays.copyOf(members, members.length * 2);
                }
                members[3 * count] = keyStart;
                members[3 * count + 1] = keyEnd;
                members[3 * count + 2] = i;
                count++;
            }
            return value();
        }

        /** One value: a string, number or literal read whole ({@link #SCALAR}), a bracket ({@link #OPENED}), or -1. */
        private int value() {
            byte c = b[i];
            boolean ok;
            switch (c) {
                case '"':
                    i++;
                    ok = checkedString(MAX_STRING) >= 0;
                    break;
                case '{':
                case '[':
                    i++;
                    return OPENED;
                case 't':
                    ok = literal("true") && delimiter();
                    break;
                case 'f':
                    ok = literal("false") && delimiter();
                    break;
                case 'n':
                    ok = literal("null") && delimiter();
                    break;
                default:
                    ok = number(MAX_NUMBER);
            }
            return ok ? SCALAR : -1;
        }
    }
}
