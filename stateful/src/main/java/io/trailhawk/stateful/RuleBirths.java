package io.trailhawk.stateful;

/**
 * When each first_seen rule's life began, in event time: the time of its first match. Its {@code learn} period
 * counts from there, so a replay of history learns as live traffic did. Kept by the host, across restarts.
 */
public interface RuleBirths {
    /** The rule's birth; when it has none yet, {@code eventTimeNanos} becomes it. */
    long birthNanos(String ruleKey, long eventTimeNanos);
}
