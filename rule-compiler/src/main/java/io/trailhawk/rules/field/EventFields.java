package io.trailhawk.rules.field;

import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.event.EventTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** The generic {@code evt.*} fields that libs provides for plugin events. Times are the CloudTrail eventTime. */
final class EventFields {
    static final String SOURCE = "aws_cloudtrail";
    private EventFields() {
    }

    /** {@code hostname}: what {@code evt.hostname} gives, the host that evaluates the rules. */
    static List<FieldDefinition> definitions(String hostname) {
        List<FieldDefinition> d = new ArrayList<>();
        add(d, "evt.num", FieldType.UINT64, "the event's sequence number", CloudTrailEvent::number);
        add(d, "evt.time", FieldType.STRING, "event time, local HH:MM:SS.nnnnnnnnn",
                e -> clock(local(e), true));
        add(d, "evt.time.s", FieldType.STRING, "event time, local HH:MM:SS", e -> clock(local(e), false));
        add(d, "evt.time.iso8601", FieldType.STRING, "event time, UTC ISO 8601 with nanoseconds",
                e -> iso8601(e.timeNanos()));
        add(d, "evt.datetime", FieldType.STRING, "event date and time, local, with nanoseconds",
                e -> date(local(e)) + " " + clock(local(e), true));
        add(d, "evt.datetime.s", FieldType.STRING, "event date and time, local, to the second",
                e -> date(local(e)) + " " + clock(local(e), false));
        add(d, "evt.rawtime", FieldType.UINT64, "event time in nanoseconds since the epoch", CloudTrailEvent::timeNanos);
        add(d, "evt.rawtime.s", FieldType.UINT64, "event time, whole seconds since the epoch",
                e -> Math.floorDiv(e.timeNanos(), 1_000_000_000L));
        add(d, "evt.rawtime.ns", FieldType.UINT64, "event time, the nanoseconds part",
                e -> Math.floorMod(e.timeNanos(), 1_000_000_000L));
        add(d, "evt.pluginname", FieldType.STRING, "the plugin that produced the event", e -> "cloudtrail");
        d.add(new FieldDefinition("evt.plugininfo", FieldType.STRING, ArgMode.NONE, "a one-line summary of the event",
                arg -> CloudTrailInfo::pluginInfo, arg -> PLUGIN_INFO));
        add(d, "evt.source", FieldType.STRING, "the event source", e -> SOURCE);
        add(d, "evt.is_async", FieldType.BOOL, "always false for CloudTrail events", e -> Boolean.FALSE);
        add(d, "evt.hostname", FieldType.STRING, "the host running the evaluation", e -> hostname);
        return d;
    }

    private static final List<String[]> PLUGIN_INFO = pluginInfoReads();

    private static List<String[]> pluginInfoReads() {
        List<String[]> r = new java.util.ArrayList<>(CloudTrailFields.INFO);
        r.addAll(CloudTrailFields.reads("awsRegion", "eventSource"));
        return r;
    }

    /** The event time is part of every projection, so the other evt.* fields read nothing more. */
    private static void add(List<FieldDefinition> d, String name, FieldType type, String desc, Extractor x) {
        d.add(new FieldDefinition(name, type, ArgMode.NONE, desc, arg -> x, arg -> List.of()));
    }

    private static ZonedDateTime local(CloudTrailEvent e) {
        return EventTime.at(e.timeNanos(), ZoneId.systemDefault());
    }

    private static String clock(ZonedDateTime t, boolean withNanos) {
        return EventTime.clock(t, withNanos);
    }

    private static String date(ZonedDateTime t) {
        return EventTime.date(t);
    }

    private static String iso8601(long nanos) {
        return EventTime.iso8601(nanos);
    }
}
