package io.trailhawk.rules.output;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Compact JSON written straight to UTF-8, escaped as Jackson escapes it: quote, backslash, and control characters
 * ({@code \b \t \n \f \r} short, the others as a backslash, u and four upper-case hex digits), nothing else. So alerts
 * keep their bytes. An alert's strings are mostly ASCII without any of those, and go out as one copy. Every alert
 * format writes with it; one per thread, reused ({@link #reset}).
 */
public final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** One writer per thread, reused from document to document, so that its buffer is not grown again for each. */
    private static final ThreadLocal<JsonBytes> PER_THREAD = ThreadLocal.withInitial(JsonBytes::new);
    /** A buffer grown past this by an outsized document is let go rather than kept for the thread's life. */
    private static final int KEPT_BYTES = 64 << 10;

    private byte[] bytes = new byte[1024];
    private int size;
    /** Bit d: the container at depth d has a member already, so the next one needs a comma. */
    private long started;
    private int depth;
    /** A field name was just written: its value needs no comma. */
    private boolean afterName;

    private void room(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }

    private void put(byte b) {
        room(1);
        bytes[size++] = b;
    }

    private void put(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** Before a value or a field name: the comma that separates it from the one before. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        long bit = 1L << depth;
        if ((started & bit) != 0) {
            put((byte) ',');
        }
        started |= bit;
    }

    public JsonBytes startObject() {
        return open('{');
    }

    public JsonBytes endObject() {
        return close('}');
    }

    public JsonBytes startArray() {
        return open('[');
    }

    public JsonBytes endArray() {
        return close(']');
    }

    private JsonBytes open(char bracket) {
        separate();
        put((byte) bracket);
        depth++;
        started &= ~(1L << depth);
        return this;
    }

    private JsonBytes close(char bracket) {
        depth--;
        put((byte) bracket);
        return this;
    }

    public JsonBytes name(String name) {
        separate();
        quoted(name);
        put((byte) ':');
        afterName = true;
        return this;
    }

    /** A string, or null. */
    public JsonBytes string(String v) {
        separate();
        if (v == null) {
            put(NULL);
        } else {
            quoted(v);
        }
        return this;
    }

    public JsonBytes number(long v) {
        return raw(Long.toString(v));
    }

    /** A number already in JSON's form. */
    public JsonBytes raw(String literal) {
        separate();
        put(literal.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public JsonBytes bool(boolean v) {
        return raw(v ? "true" : "false");
    }

    public JsonBytes nul() {
        separate();
        put(NULL);
        return this;
    }

    /**
     * {@code s} quoted and escaped. ASCII characters are written as they are read, without encoding the string
     * first; from the first character beyond ASCII on, the rest is encoded to UTF-8 and escaped byte by byte.
     */
    private void quoted(String s) {
        int n = s.length();
        room(n + 2);
        bytes[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                quotedUtf8(s.substring(i).getBytes(StandardCharsets.UTF_8));
                break;
            }
            if (c >= 0x20 && c != '"' && c != '\\') {
                bytes[size++] = (byte) c;
            } else {
                escape(c);
                room(n - i);
            }
        }
        put((byte) '"');
    }

    private void quotedUtf8(byte[] utf8) {
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xFF;
            if (b >= 0x20 && b != '"' && b != '\\') {
                continue;
            }
            append(utf8, from, i);
            escape(b);
            from = i + 1;
        }
        append(utf8, from, utf8.length);
    }

    private void append(byte[] b, int from, int to) {
        room(to - from);
        System.arraycopy(b, from, bytes, size, to - from);
        size += to - from;
    }

    private void escape(int b) {
        room(6);
        bytes[size++] = '\\';
        switch (b) {
            case '"':
            case '\\':
                bytes[size++] = (byte) b;
                return;
            case '\b':
                bytes[size++] = 'b';
                return;
            case '\t':
                bytes[size++] = 't';
                return;
            case '\n':
                bytes[size++] = 'n';
                return;
            case '\f':
                bytes[size++] = 'f';
                return;
            case '\r':
                bytes[size++] = 'r';
                return;
            default:
                bytes[size++] = 'u';
                bytes[size++] = '0';
                bytes[size++] = '0';
                bytes[size++] = HEX[b >> 4];
                bytes[size++] = HEX[b & 0xF];
        }
    }

    public byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    /** This thread's writer, empty. Finish with {@link #done}. */
    public static JsonBytes ofThread() {
        return PER_THREAD.get().reset();
    }

    /** What this thread's writer wrote; its buffer is let go if an outsized document grew it. */
    public byte[] done() {
        byte[] out = toBytes();
        if (capacity() > KEPT_BYTES) {
            PER_THREAD.remove();
        }
        return out;
    }

    public int capacity() {
        return bytes.length;
    }

    /** Empty again, keeping the buffer: one writer per thread serves alert after alert. */
    public JsonBytes reset() {
        size = 0;
        started = 0;
        depth = 0;
        afterName = false;
        return this;
    }
}
