package io.trailhawk.control;

/** The default topic names of the control protocol, shared by the job, {@code push} and {@code local}. */
public final class ControlTopics {
    public static final String EVENTS = "cloudtrail-events";
    public static final String RULES = "trailhawk-rules";
    public static final String STATUS = "trailhawk-status";
    public static final String ALERTS = "trailhawk-alerts";
    public static final String SHADOW_ALERTS = "trailhawk-shadow-alerts";
    public static final String DEAD_LETTERS = "trailhawk-dlq";
    /** The key of every status record. */
    public static final String STATUS_KEY = "ruleset";

    private ControlTopics() {
    }
}
