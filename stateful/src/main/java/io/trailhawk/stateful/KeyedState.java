package io.trailhawk.stateful;

/**
 * The state of one rule and group, as the host keeps it: Flink keyed state in the job, a map in the command line.
 * The engine sees only the current key's bytes and asks for event-time timers on it.
 */
public interface KeyedState {
    /** The current key's state, or null when it has none. */
    byte[] get();

    void put(byte[] state);

    void clear();

    /** Asks for {@link StatefulEngine#onTimer} on the current key once event time reaches {@code timeNanos}. */
    void registerTimer(long timeNanos);
}
