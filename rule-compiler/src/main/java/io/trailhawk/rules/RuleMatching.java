package io.trailhawk.rules;

import java.util.Locale;

/** Whether every matching rule alerts ({@code all}, what a SIEM wants) or only the first ({@code first}, Falco's default). */
public enum RuleMatching {
    ALL,
    FIRST;

    public static RuleMatching parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "all":
                return ALL;
            case "first":
                return FIRST;
            default:
                throw new IllegalArgumentException("rule matching must be 'all' or 'first', not '" + s + "'");
        }
    }
}
