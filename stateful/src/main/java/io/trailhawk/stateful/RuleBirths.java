package io.trailhawk.stateful;

/**
 * When each first_seen rule's life began, in event time: the time of its first match. Its {@code learn} period
 * counts from there, so a replay of history learns as live traffic did. Kept by the host, across restarts.
 */
public interface RuleBirths {
    /** The birth of the rule of this fingerprint; when it has none yet, {@code eventTimeNanos} becomes it. */
    long birthNanos(long fingerprint, long eventTimeNanos);
}
