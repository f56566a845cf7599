package io.trailhawk.stateful;

import java.util.List;

/**
 * The state of one group key, as the host keeps it: Flink keyed state in the job, a map in the command line. The
 * engine sees only the current key's bytes ({@link GroupEntries}) and asks for event-time timers on it.
 */
public interface KeyedState {
    /** The current key's state, or null when it has none. */
    byte[] get();

    void put(byte[] state);

    void clear();

    /** Asks for {@link StatefulEngine#onTimer} on the current key once event time reaches {@code timeNanos}. */
    void registerTimer(long timeNanos);

    /**
     * Holds a sequence's step, {@link MatchBytes}, beyond the few the key's state holds itself, until the timer at
     * its time; false when the host holds no more for that time, and the engine takes the step at once. A host whose
     * input is in event-time order is never asked.
     */
    default boolean hold(long timeNanos, byte[] match) {
        return false;
    }

    /** The steps {@link #hold} holds for the timer at {@code timeNanos}, in the order they came; no longer held. */
    default List<byte[]> release(long timeNanos) {
        return List.of();
    }
}
