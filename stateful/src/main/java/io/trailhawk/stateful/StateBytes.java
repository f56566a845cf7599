package io.trailhawk.stateful;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoding of a group's state: a format byte that names the kind and its version, then the kind's fields. A
 * savepoint holds these bytes, so a kind that changes its fields takes a new format byte and keeps reading the old.
 * Numbers are big-endian; a string is a presence byte, then its UTF-8 length as an int and its bytes.
 */
final class StateBytes {
    private StateBytes() {
    }

    /** Writes one state. */
    static final class Writer {
        private byte[] bytes = new byte[128];
        private int size;

        Writer(int format) {
            bytes[size++] = (byte) format;
        }

        /** A writer that expects to write about {@code expectedSize} bytes. */
        Writer(int format, int expectedSize) {
            bytes = new byte[Math.max(16, expectedSize)];
            bytes[size++] = (byte) format;
        }

        private Writer() {
        }

        /** A writer of a part of a state, with no format byte of its own. */
        static Writer unformatted() {
            return new Writer();
        }

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        Writer putLong(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (v >>> shift);
            }
            return this;
        }

        Writer putInt(int v) {
            room(4);
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
            return this;
        }

        Writer putString(String v) {
            room(1);
            bytes[size++] = (byte) (v == null ? 0 : 1);
            if (v != null) {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                putInt(b.length);
                append(b);
            }
            return this;
        }

        private void append(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        /** Bytes as they are, with nothing before them: a part {@link #unformatted()} wrote. */
        Writer putRaw(byte[] v) {
            append(v);
            return this;
        }

        /** {@code n} bytes of {@code v} from {@code from}, as {@link #putBytes} writes an array of them. */
        Writer putBytes(byte[] v, int from, int n) {
            putInt(n);
            room(n);
            System.arraycopy(v, from, bytes, size, n);
            size += n;
            return this;
        }

        /** Bytes as they are, or null. */
        Writer putBytes(byte[] v) {
            putInt(v == null ? -1 : v.length);
            if (v != null) {
                append(v);
            }
            return this;
        }

        Writer putStrings(List<String> v) {
            putInt(v.size());
            v.forEach(this::putString);
            return this;
        }

        Writer putLongs(long[] v, int n) {
            putInt(n);
            for (int i = 0; i < n; i++) {
                putLong(v[i]);
            }
            return this;
        }

        /** An alert's output fields, each with its type: text, unsigned number, bool, list of text, or absent. */
        Writer putFields(Map<String, Object> fields) {
            putInt(fields.size());
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                putString(e.getKey());
                Object v = e.getValue();
                if (v == null) {
                    putInt(0);
                } else if (v instanceof String) {
                    putInt(1).putString((String) v);
                } else if (v instanceof Long) {
                    putInt(2).putLong((Long) v);
                } else if (v instanceof Boolean) {
                    putInt(3).putInt((Boolean) v ? 1 : 0);
                } else if (v instanceof List) {
                    List<String> items = new ArrayList<>();
                    ((List<?>) v).forEach(x -> items.add(String.valueOf(x)));
                    putInt(4).putStrings(items);
                } else {
                    putInt(1).putString(v.toString());
                }
            }
            return this;
        }

        /** Values with the time each was last seen, in the map's order. */
        Writer putValueTimes(Map<String, Long> seen) {
            putStrings(new ArrayList<>(seen.keySet()));
            putInt(seen.size());
            seen.values().forEach(this::putLong);
            return this;
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** Reads one state, after checking its format byte. */
    static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] state, int format) {
            this.bytes = state;
            int found = state.length == 0 ? -1 : state[at++];
            if (found != format) {
                throw new IllegalStateException("state format " + found + " where " + format + " was expected");
            }
        }

        private Reader(byte[] part) {
            this.bytes = part;
        }

        /** A reader of what {@link Writer#unformatted()} wrote. */
        static Reader unformatted(byte[] part) {
            return new Reader(part);
        }

        private void need(int n) {
            if (n < 0 || n > bytes.length - at) {
                throw new IllegalStateException("state ends early: " + n + " bytes wanted at " + at + " of "
                        + bytes.length);
            }
        }

        long getLong() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (bytes[at++] & 0xFF);
            }
            return v;
        }

        int getInt() {
            need(4);
            int v = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                    | bytes[at + 3] & 0xFF;
            at += 4;
            return v;
        }

        String getString() {
            need(1);
            if (bytes[at++] == 0) {
                return null;
            }
            return getUtf8(getInt());
        }

        /** The next {@code n} bytes as UTF-8. */
        String getUtf8(int n) {
            need(n);
            String v = new String(bytes, at, n, StandardCharsets.UTF_8);
            at += n;
            return v;
        }

        /** Where the next read starts. */
        int position() {
            return at;
        }

        Reader skip(int n) {
            need(n);
            at += n;
            return this;
        }

        int remaining() {
            return bytes.length - at;
        }

        byte[] getBytes() {
            int n = getInt();
            if (n < 0) {
                return null;
            }
            need(n);
            byte[] b = Arrays.copyOfRange(bytes, at, at + n);
            at += n;
            return b;
        }

        List<String> getStrings() {
            int n = getInt();
            need(n);
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(getString());
            }
            return out;
        }

        /** As {@link Writer#putFields} wrote them, in a sorted map as alerts hold them. */
        Map<String, Object> getFields() {
            int n = getInt();
            Map<String, Object> fields = new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                String name = getString();
                int type = getInt();
                Object v;
                switch (type) {
                    case 0:
                        v = null;
                        break;
                    case 1:
                        v = getString();
                        break;
                    case 2:
                        v = getLong();
                        break;
                    case 3:
                        v = getInt() == 1;
                        break;
                    default:
                        v = getStrings();
                        break;
                }
                fields.put(name, v);
            }
            return fields;
        }

        /** As {@link Writer#putValueTimes} wrote them. */
        Map<String, Long> getValueTimes() {
            List<String> values = getStrings();
            long[] times = getLongs();
            Map<String, Long> seen = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                seen.put(values.get(i), times[i]);
            }
            return seen;
        }

        long[] getLongs() {
            int n = getInt();
            need(n * 8);
            long[] v = new long[n];
            for (int i = 0; i < v.length; i++) {
                v[i] = getLong();
            }
            return v;
        }
    }
}
