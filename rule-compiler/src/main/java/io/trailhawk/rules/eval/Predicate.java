package io.trailhawk.rules.eval;

import io.trailhawk.rules.event.CloudTrailEvent;

/** A compiled condition node. Implementations are immutable and safe to share across threads. */
public interface Predicate {
    boolean test(CloudTrailEvent event);
}
