package io.trailhawk.rules.field;

import io.trailhawk.rules.event.CloudTrailEvent;

/** Reads one field from an event. Returns null when the field is absent. Built once per field use at compile time. */
@FunctionalInterface
public interface Extractor {
    Object extract(CloudTrailEvent event);
}
