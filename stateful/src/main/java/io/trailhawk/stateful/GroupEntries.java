package io.trailhawk.stateful;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state under one group key: each rule's own state (its kind's bytes) with the time of the timer it asked for
 * last, and the sequence steps that wait for the watermark. A key is read and written once per event however many
 * of its rules the event matches. A value that release 0.1.0 wrote is one rule's kind bytes alone; it reads as the
 * one entry of the rule its key names. Mutable: the engine reads one, changes it and writes it back.
 */
final class GroupEntries {
    private static final int FORMAT = 6;
    /** Steps a key holds in its own state; beyond them they wait in the host's ({@link KeyedState#hold}). */
    static final int INLINE_STEPS = 16;
    /** The due time of an entry that asked for no timer. */
    static final long NO_TIMER = Long.MAX_VALUE;

    /**
     * One rule's state in the group. Until a kind reads or writes it, it stays the part of the value it was read from,
     * and is written back as it was, so that an event costs the rules it matched and not every rule of its key.
     */
    static final class Entry {
        final long fingerprint;
        /** When the timer the rule asked for last is due; a timer at or after it reaches the rule. */
        long due;
        private byte[] state;
        private byte[] source;
        private int offset;
        private int length;

        Entry(long fingerprint, long due, byte[] state) {
            this.fingerprint = fingerprint;
            this.due = due;
            this.state = state;
        }

        private Entry(long fingerprint, long due, byte[] source, int offset, int length) {
            this.fingerprint = fingerprint;
            this.due = due;
            this.source = source;
            this.offset = offset;
            this.length = length;
        }

        byte[] state() {
            if (state == null) {
                state = Arrays.copyOfRange(source, offset, offset + length);
                source = null;
            }
            return state;
        }

        void set(byte[] state) {
            this.state = state;
            this.source = null;
        }

        void writeTo(StateBytes.Writer w) {
            if (state != null) {
                w.putBytes(state);
            } else {
                w.putBytes(source, offset, length);
            }
        }
    }

    /** By fingerprint, ascending. */
    final List<Entry> entries = new ArrayList<>();
    /** Steps waiting for the watermark, as {@link MatchBytes}, in the order they came. */
    final List<byte[]> steps = new ArrayList<>();
    /** How many of this key's steps the host holds. */
    int heldByHost;
    /**
     * The earliest host timer this key asked for that has not fired, or {@link #NO_TIMER}: the key asks only for a
     * timer earlier than that, and when it fires asks for the next one its rules and steps are due, so that a key
     * has one timer pending rather than one per rule.
     */
    long armed = NO_TIMER;
    /** The size of the value this was read from, to write it back in one allocation. */
    private int readSize;

    static GroupEntries read(byte[] bytes, GroupKey key) {
        GroupEntries g = new GroupEntries();
        if (bytes == null) {
            return g;
        }
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            // Release 0.1.0's: one rule's state, under a key that names the rule; every timer of the key reaches it.
            g.entries.add(new Entry(key.scope(), Long.MIN_VALUE, bytes));
            return g;
        }
        g.readSize = bytes.length;
        StateBytes.Reader r = new StateBytes.Reader(bytes, FORMAT);
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            long fingerprint = r.getLong();
            long due = r.getLong();
            int length = r.getInt();
            g.entries.add(new Entry(fingerprint, due, bytes, r.position(), length));
            r.skip(length);
        }
        int s = r.getInt();
        for (int i = 0; i < s; i++) {
            g.steps.add(r.getBytes());
        }
        g.heldByHost = r.getInt();
        g.armed = r.getLong();
        return g;
    }

    boolean isEmpty() {
        return entries.isEmpty() && steps.isEmpty() && heldByHost == 0;
    }

    /** Writes this back to {@code host}, or clears it there when nothing is left. */
    void writeTo(KeyedState host) {
        if (isEmpty()) {
            host.clear();
            return;
        }
        StateBytes.Writer w = new StateBytes.Writer(FORMAT, readSize + 256).putInt(entries.size());
        for (Entry e : entries) {
            e.writeTo(w.putLong(e.fingerprint).putLong(e.due));
        }
        w.putInt(steps.size());
        for (byte[] m : steps) {
            w.putBytes(m);
        }
        host.put(w.putInt(heldByHost).putLong(armed).toBytes());
    }

    /** Asks {@code host} for a timer at {@code timeNanos} unless one at or before it is pending. */
    void arm(long timeNanos, KeyedState host) {
        if (timeNanos < armed) {
            host.registerTimer(timeNanos);
            armed = timeNanos;
        }
    }

    /**
     * A host timer has fired at {@code timeNanos}: every earlier one has too. After the key's due rules and steps
     * have seen it, {@link #armNext} asks for the next.
     */
    void fired(long timeNanos) {
        if (armed <= timeNanos) {
            armed = NO_TIMER;
        }
    }

    /** Asks for a timer at the earliest time a rule or a held step of the key is due. */
    void armNext(KeyedState host) {
        long next = NO_TIMER;
        for (Entry e : entries) {
            next = Math.min(next, e.due);
        }
        for (byte[] step : steps) {
            next = Math.min(next, MatchBytes.timeNanos(step));
        }
        if (next != NO_TIMER) {
            arm(next, host);
        }
    }

    Entry entry(long fingerprint) {
        for (Entry e : entries) {
            if (e.fingerprint == fingerprint) {
                return e;
            }
        }
        return null;
    }

    /** One rule's state as its kind sees it; its timers are the host's. */
    KeyedState of(long fingerprint, KeyedState host) {
        return new KeyedState() {
            @Override
            public byte[] get() {
                Entry e = entry(fingerprint);
                return e == null ? null : e.state();
            }

            @Override
            public void put(byte[] state) {
                Entry e = entry(fingerprint);
                if (e != null) {
                    e.set(state);
                    return;
                }
                int at = 0;
                while (at < entries.size() && entries.get(at).fingerprint < fingerprint) {
                    at++;
                }
                entries.add(at, new Entry(fingerprint, NO_TIMER, state));
            }

            @Override
            public void clear() {
                entries.removeIf(e -> e.fingerprint == fingerprint);
            }

            @Override
            public void registerTimer(long timeNanos) {
                Entry e = entry(fingerprint);
                if (e != null) {
                    // A kind's newer timer supersedes its older one: each kind asks again when a timer finds the
                    // state still in use.
                    e.due = timeNanos;
                }
                arm(timeNanos, host);
            }
        };
    }
}
