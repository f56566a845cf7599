package io.trailhawk.rules.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one byte-level JSON lexer: a position in a record's bytes, and the token operations that move it. Both
 * readers build on it: {@link RecordLayout}'s strict check uses the checking operations ({@link #checkedString},
 * {@link #number}), {@link ProjectionScanner} the skipping ones ({@link #skipStringBody}, {@link #skipValue}).
 * Reading past the end throws {@link ArrayIndexOutOfBoundsException}, which each reader turns into its own
 * verdict. Not thread-safe; a reader owns its lexer.
 */
class JsonLexer {
    static final Unscannable MALFORMED = Unscannable.INSTANCE;

    byte[] b;
    int i;

    JsonLexer(byte[] b, int at) {
        this.b = b;
        this.i = at;
    }

    /** Moves past JSON's four blanks: space, tab, line feed, carriage return. */
    final void blanks() {
        while (i < b.length) {
            byte x = b[i];
            if (x > ' ' || x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return;
            }
            i++;
        }
    }

    final void expect(char c) throws Unscannable {
        if (b[i] != c) {
            throw MALFORMED;
        }
        i++;
    }

    /** Moves past {@code word} when it is next; otherwise stays. */
    final boolean literal(String word) {
        int n = word.length();
        if (i + n > b.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        i += n;
        return true;
    }

    /** From just after an opening quote to just after the closing one; true when the string holds escapes. */
    final boolean skipStringBody() {
        boolean escaped = false;
        while (i + 8 <= b.length) {
            long w = Words.at(b, i);
            long m = Words.firstEqual(w, Words.QUOTES) | Words.firstEqual(w, Words.BACKSLASHES);
            if (m == 0) {
                i += 8;
                continue;
            }
            i += Long.numberOfTrailingZeros(m) >>> 3;
            if (b[i++] == '"') {
                return escaped;
            }
            escaped = true;
            i++;
        }
        while (true) {
            byte x = b[i++];
            if (x == '"') {
                return escaped;
            }
            if (x == '\\') {
                escaped = true;
                i++;
            }
        }
    }

    /**
     * As {@link #skipStringBody}, checking as it goes. Returns -1 for anything not accepted here (a control
     * character, a bad escape, a non-ASCII byte, more than {@code maxLength} bytes), 1 when the string had an
     * escape, else 0.
     */
    final int checkedString(int maxLength) {
        int start = i;
        int escaped = 0;
        while (true) {
            if (i + 8 <= b.length) {
                long w = Words.at(b, i);
                long m = Words.firstEqual(w, Words.QUOTES) | Words.firstEqual(w, Words.BACKSLASHES)
                        | Words.firstControl(w) | (w & Words.HIGHS);
                if (m == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(m) >>> 3;
            }
            byte x = b[i++];
            if (x == '"') {
                return i - 1 - start > maxLength ? -1 : escaped;
            }
            if (x == '\\') {
                if (!escape()) {
                    return -1;
                }
                escaped = 1;
            } else if (x < 0x20) {
                return -1;
            }
        }
    }

    private boolean escape() {
        byte e = b[i++];
        switch (e) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                return true;
            case 'u':
                for (int k = 0; k < 4; k++) {
                    byte h = b[i++];
                    if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    /**
     * JSON's number grammar, at most {@code maxLength} bytes, followed by a delimiter: a strict parser rejects
     * leading zeros, a bare minus and a dangling point or exponent, and so does this.
     */
    final boolean number(int maxLength) {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            digits();
        } else {
            return false;
        }
        if (i < b.length && b[i] == '.') {
            i++;
            if (digits() == 0) {
                return false;
            }
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (b[i] == '+' || b[i] == '-') {
                i++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        return i - start <= maxLength && delimiter();
    }

    private int digits() {
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - start;
    }

    /** What may follow a number or literal: the end, a separator, a closing bracket or a blank. */
    final boolean delimiter() {
        return i == b.length || isDelimiter(b[i]);
    }

    private static boolean isDelimiter(byte c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Moves past one value of any kind without looking inside strings. */
    final void skipValue() throws Unscannable {
        byte c = b[i];
        if (c == '"') {
            i++;
            skipStringBody();
            return;
        }
        if (c == '{' || c == '[') {
            skipContainer();
            return;
        }
        int start = i;
        while (i < b.length && !isDelimiter(b[i])) {
            i++;
        }
        if (i == start) {
            throw MALFORMED;
        }
    }

    /**
     * From an opening bracket to just after its closing one. Only quotes and brackets matter here, and most of a
     * nested value is short strings, so each eight-byte word is handled whole: its quotes give, by a running parity,
     * which of its bytes are inside a string, and only brackets outside strings are looked at one by one. A word
     * with a backslash is stepped through byte by byte, as escapes break the parity.
     */
    private void skipContainer() {
        int depth = 0;
        boolean inString = false;
        while (i + 8 <= b.length) {
            long w = Words.at(b, i);
            if (Words.firstEqual(w, Words.BACKSLASHES) != 0) {
                if (inString) {
                    skipStringBody();
                    inString = false;
                    continue;
                }
                depth = step(depth);
                if (depth == 0) {
                    return;
                }
                continue;
            }
            long q = Words.equal(w, Words.QUOTES);
            // Folding away the bits that tell them apart, all four brackets become 0x79, as do y, Y, _ and DEL,
            // which valid JSON has only inside strings; the byte itself then says which it is.
            long candidates = Words.equal((w | 0x2020202020202020L) & 0xF9F9F9F9F9F9F9F9L, 0x7979797979797979L);
            long inside = q ^ (q << 8);
            inside ^= inside << 16;
            inside ^= inside << 32;
            if (inString) {
                inside ^= Words.HIGHS;
            }
            long brackets = candidates & ~inside;
            while (brackets != 0) {
                int at = i + (Long.numberOfTrailingZeros(brackets) >>> 3);
                byte x = b[at];
                if (x == '{' || x == '[') {
                    depth++;
                } else if ((x == '}' || x == ']') && --depth == 0) {
                    i = at + 1;
                    return;
                }
                brackets &= brackets - 1;
            }
            inString = inside < 0;
            i += 8;
        }
        if (inString) {
            skipStringBody();
        }
        do {
            depth = step(depth);
        } while (depth != 0);
    }

    /** One byte outside strings, inside a container at {@code depth}: returns the depth after it. */
    private int step(int depth) {
        byte x = b[i++];
        if (x == '"') {
            skipStringBody();
            return depth;
        }
        if (x == '{' || x == '[') {
            return depth + 1;
        }
        return x == '}' || x == ']' ? depth - 1 : depth;
    }

    /** Most CloudTrail strings are ASCII: decoded without the general decoder when they are. */
    final String ascii(int start, int end) {
        int k = start;
        for (; k + 8 <= end; k += 8) {
            if ((Words.at(b, k) & Words.HIGHS) != 0) {
                return new String(b, start, end - start, StandardCharsets.UTF_8);
            }
        }
        for (; k < end; k++) {
            if (b[k] < 0) {
                return new String(b, start, end - start, StandardCharsets.UTF_8);
            }
        }
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The text of the string whose content is {@code json[start, end)}, escapes included. */
    static String decodeString(byte[] json, int start, int end) {
        // Escapes are rare in CloudTrail; let Jackson apply JSON's rules exactly.
        try {
            return Projection.MAPPER.readTree(json, start - 1, end - start + 2).textValue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
