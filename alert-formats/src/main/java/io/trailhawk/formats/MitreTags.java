package io.trailhawk.formats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MITRE ATT&CK tactics and techniques a rule's tags name: tactics as {@code MITRE_TA0005_defense_evasion}, and
 * techniques as {@code T1562} or {@code T1562.008}. The one reading of those tags, for formats and for docs.
 */
public final class MitreTags {
    public static final Pattern TACTIC = Pattern.compile("MITRE_(TA\\d{4})_(\\w+)");
    public static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private MitreTags() {
    }

    /** A tactic: its id ({@code TA0005}) and its name ({@code Defense Evasion}). */
    public static final class Tactic {
        public final String id;
        public final String name;

        Tactic(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    public static List<Tactic> tactics(Collection<String> tags) {
        List<Tactic> out = new ArrayList<>();
        for (String t : tags) {
            Matcher m = TACTIC.matcher(t);
            if (m.matches()) {
                out.add(new Tactic(m.group(1), title(m.group(2))));
            }
        }
        return out;
    }

    /** Technique and sub-technique ids, as tagged. */
    public static List<String> techniques(Collection<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            if (TECHNIQUE.matcher(t).matches()) {
                out.add(t);
            }
        }
        return out;
    }

    /** {@code defense_evasion} as ATT&CK writes it: {@code Defense Evasion}; "and" stays lower-case. */
    static String title(String snake) {
        StringBuilder b = new StringBuilder();
        for (String w : snake.split("_")) {
            if (w.isEmpty()) {
                continue;
            }
            b.append(b.length() == 0 ? "" : " ");
            b.append(w.equals("and") ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1));
        }
        return b.toString();
    }
}
