package io.trailhawk.rules.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists are textual in Falco: before a condition is parsed, every occurrence of a list's name bounded by blanks or
 * {@code (),=} is replaced by its items, quoted as exceptions quote them. A name with no list stays a plain string.
 */
public final class ListSubstitution {
    private static final String BLANKS = " \t\n\r";
    private static final String DELIMS = BLANKS + "(),=";

    private final List<String> names = new ArrayList<>();
    private final Map<String, List<String>> items = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    private ListSubstitution() {
    }

    /** Compiles every list: an item naming a list defined before it is replaced by that list's items. */
    public static ListSubstitution of(Collection<ListInfo> lists) {
        ListSubstitution s = new ListSubstitution();
        List<ListInfo> byIndex = new ArrayList<>(lists);
        byIndex.sort((a, b) -> Integer.compare(a.index(), b.index()));
        Map<String, ListInfo> infos = new HashMap<>();
        for (ListInfo l : byIndex) {
            infos.put(l.name(), l);
        }
        for (ListInfo l : byIndex) {
            List<String> expanded = new ArrayList<>();
            for (String item : l.items()) {
                ListInfo ref = infos.get(item);
                if (ref != null && ref != l && ref.index() < l.visibility() && s.items.containsKey(item)) {
                    expanded.addAll(s.items.get(item));
                    s.used.add(item);
                } else {
                    expanded.add(item);
                }
            }
            s.names.add(l.name());
            s.items.put(l.name(), expanded);
        }
        return s;
    }

    public List<String> itemsOf(String list) {
        return items.get(list);
    }

    /** Names of lists that some substitution or list used. */
    public Set<String> used() {
        return used;
    }

    public PositionedText substitute(PositionedText condition) {
        PositionedText cnd = condition;
        for (String name : names) {
            cnd = substitute(cnd, name, items.get(name));
        }
        return cnd;
    }

    private PositionedText substitute(PositionedText in, String name, List<String> values) {
        PositionedText cnd = in;
        String text = cnd.text();
        int start = text.indexOf(name);
        while (start >= 0) {
            int end = start + name.length();
            if ((start == 0 || DELIMS.indexOf(text.charAt(start - 1)) >= 0)
                    && (end >= text.length() || DELIMS.indexOf(text.charAt(end)) >= 0)) {
                while (start > 0 && BLANKS.indexOf(text.charAt(start - 1)) >= 0) {
                    start--;
                }
                while (end < text.length() && BLANKS.indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                StringBuilder sub = new StringBuilder();
                for (String v : values) {
                    if (sub.length() > 0) {
                        sub.append(", ");
                    }
                    sub.append(ExceptionConditions.quoteItem(v));
                }
                if (sub.length() == 0) {
                    if (start > 0 && text.charAt(start - 1) == ',') {
                        start--;
                    } else if (end < text.length() && text.charAt(end) == ',') {
                        end++;
                    }
                }
                String replacement = (start > 0 ? " " : "") + sub + " ";
                cnd = cnd.replace(start, end, replacement);
                text = cnd.text();
                start += replacement.length();
                used.add(name);
                start = text.indexOf(name, start);
                continue;
            }
            start = text.indexOf(name, start + 1);
        }
        return cnd;
    }
}
