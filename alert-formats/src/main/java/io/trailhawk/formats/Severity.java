package io.trailhawk.formats;

import io.trailhawk.rules.load.Priority;

/**
 * Falco's priorities on the six-step scale the other formats share: OCSF's {@code severity_id} (1 Informational
 * to 6 Fatal), ASFF's {@code Severity.Label}, and ECS's {@code event.severity}. Informational and Debug are 1,
 * Notice 2 (Low), Warning 3 (Medium), Error 4 (High), Critical and Alert 5 (Critical), Emergency 6 (Fatal; ASFF
 * has no step above CRITICAL). docs/outputs.md has the table.
 */
public final class Severity {
    private static final String[] OCSF_NAMES = {"Unknown", "Informational", "Low", "Medium", "High", "Critical",
        "Fatal"};
    private static final String[] ASFF_LABELS = {"INFORMATIONAL", "INFORMATIONAL", "LOW", "MEDIUM", "HIGH",
        "CRITICAL", "CRITICAL"};

    private Severity() {
    }

    /** 1 to 6. */
    public static int step(Priority p) {
        switch (p) {
            case EMERGENCY:
                return 6;
            case ALERT:
            case CRITICAL:
                return 5;
            case ERROR:
                return 4;
            case WARNING:
                return 3;
            case NOTICE:
                return 2;
            default:
                return 1;
        }
    }

    public static String ocsfName(Priority p) {
        return OCSF_NAMES[step(p)];
    }

    public static String asffLabel(Priority p) {
        return ASFF_LABELS[step(p)];
    }
}
