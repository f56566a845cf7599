package io.trailhawk.job.detect;

import java.nio.charset.StandardCharsets;
import org.apache.flink.util.OutputTag;

/**
 * The alerts of rules in shadow: they leave the detect operators on this side output, for the shadow topic, and
 * never reach the alert topic. Each is the Falco JSON the rule would raise live, with {@code "shadow": true} first
 * ({@link io.trailhawk.rules.output.AlertJson#renderUtf8(io.trailhawk.rules.output.Alert, Long, boolean)}).
 */
public final class ShadowAlerts {
    public static final OutputTag<AlertRecord> TAG = new OutputTag<AlertRecord>("shadow-alerts") {
        private static final long serialVersionUID = 1L;
    };

    private ShadowAlerts() {
    }

    /** The rule of an alert record, from its key ({@code RULE|ACCOUNT}; an account holds no {@code |}). */
    static String ruleOf(AlertRecord r) {
        String key = new String(r.key, StandardCharsets.UTF_8);
        int bar = key.lastIndexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }
}
