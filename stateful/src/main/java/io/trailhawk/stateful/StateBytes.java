package io.trailhawk.stateful;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoding of a group's state: a format byte that names the kind and its version, then the kind's fields. A
 * savepoint holds these bytes, so a kind that changes its fields takes a new format byte and keeps reading the old.
 */
final class StateBytes {
    private StateBytes() {
    }

    /** Writes one state. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer(int format) {
            run(() -> out.writeByte(format));
        }

        Writer putLong(long v) {
            run(() -> out.writeLong(v));
            return this;
        }

        Writer putInt(int v) {
            run(() -> out.writeInt(v));
            return this;
        }

        Writer putString(String v) {
            run(() -> {
                out.writeBoolean(v != null);
                if (v != null) {
                    byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            });
            return this;
        }

        /** Bytes as they are, or null. */
        Writer putBytes(byte[] v) {
            putInt(v == null ? -1 : v.length);
            if (v != null) {
                run(() -> out.write(v));
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
            run(out::flush);
            return bytes.toByteArray();
        }
    }

    /** Reads one state, after checking its format byte. */
    static final class Reader {
        private final DataInputStream in;

        Reader(byte[] state, int format) {
            this.in = new DataInputStream(new ByteArrayInputStream(state));
            int found = get(in::readByte);
            if (found != format) {
                throw new IllegalStateException("state format " + found + " where " + format + " was expected");
            }
        }

        long getLong() {
            return get(in::readLong);
        }

        int getInt() {
            return get(in::readInt);
        }

        String getString() {
            return get(() -> {
                if (!in.readBoolean()) {
                    return null;
                }
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            });
        }

        byte[] getBytes() {
            int n = getInt();
            if (n < 0) {
                return null;
            }
            byte[] b = new byte[n];
            return get(() -> {
                in.readFully(b);
                return b;
            });
        }

        List<String> getStrings() {
            int n = getInt();
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
            long[] v = new long[getInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = getLong();
            }
            return v;
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static void run(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T get(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
