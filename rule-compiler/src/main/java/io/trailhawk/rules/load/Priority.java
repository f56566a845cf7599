package io.trailhawk.rules.load;

import java.util.Locale;

/** Falco's priorities, most severe first. A rule is enabled when its priority is at or above the threshold. */
public enum Priority {
    EMERGENCY("Emergency"),
    ALERT("Alert"),
    CRITICAL("Critical"),
    ERROR("Error"),
    WARNING("Warning"),
    NOTICE("Notice"),
    INFORMATIONAL("Informational"),
    DEBUG("Debug");

    private final String longName;

    Priority(String longName) {
        this.longName = longName;
    }

    /** The name Falco prints: {@code Informational}, {@code Warning}, ... */
    public String longName() {
        return longName;
    }

    /** True when this priority is as severe as {@code threshold} or more. */
    public boolean atLeast(Priority threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Case-insensitive, with {@code info} for Informational. Returns null for anything else. */
    public static Priority parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("info")) {
            return INFORMATIONAL;
        }
        for (Priority p : values()) {
            if (p.longName.toLowerCase(Locale.ROOT).equals(t)) {
                return p;
            }
        }
        return null;
    }
}
