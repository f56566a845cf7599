package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
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
    private final int maxChars;

    private ListSubstitution(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * Compiles every list: an item naming a list defined before it is replaced by that list's items. A list that
     * would grow past {@link RuleLimits#listItems()} is an error and keeps only the items within the limit, so
     * lists that double at each level cannot exhaust memory.
     */
    public static ListSubstitution of(Collection<ListInfo> lists, RuleLimits limits, Diagnostics diag) {
        ListSubstitution s = new ListSubstitution(limits.fileChars());
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
                boolean named = ref != null && ref != l && ref.index() < l.visibility() && s.items.containsKey(item);
                List<String> add = named ? s.items.get(item) : List.of(item);
                if (named) {
                    s.used.add(item);
                }
                if (expanded.size() + add.size() > limits.listItems()) {
                    diag.error(l.location(), "list '" + l.name() + "'", "the list has more than "
                            + limits.listItems() + " items once the lists it names are expanded");
                    break;
                }
                expanded.addAll(add);
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

    /** Longest condition text, once lists are substituted, that is compiled. */
    public int maxChars() {
        return maxChars;
    }

    /**
     * Substitutes every list into the text. Once the text grows past {@link #maxChars()}, substitution stops and
     * the text is returned as it is, longer than the limit, for the caller to reject.
     */
    public PositionedText substitute(PositionedText condition) {
        PositionedText cnd = condition;
        for (String name : names) {
            if (cnd.text().length() > maxChars) {
                break;
            }
            cnd = substitute(cnd, name, items.get(name));
        }
        return cnd;
    }

    /** One pass over the text for one list name, building the result once rather than per occurrence. */
    private PositionedText substitute(PositionedText in, String name, List<String> values) {
        String text = in.text();
        int start = text.indexOf(name);
        if (start < 0) {
            return in;
        }
        String joined = null;
        PositionedText.Builder out = null;
        int copied = 0;
        while (start >= 0) {
            int end = start + name.length();
            boolean bounded = (start == 0 || DELIMS.indexOf(text.charAt(start - 1)) >= 0)
                    && (end >= text.length() || DELIMS.indexOf(text.charAt(end)) >= 0);
            if (!bounded || start < copied) {
                start = text.indexOf(name, start + 1);
                continue;
            }
            if (out == null) {
                out = new PositionedText.Builder();
                joined = join(values);
            }
            while (end < text.length() && BLANKS.indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            // Blanks before the name go, even those the previous replacement ended with, as they would if each
            // occurrence were replaced in turn.
            out.append(in, copied, start);
            SourceLocation here = in.locationOf(start);
            while (out.length() > 0 && BLANKS.indexOf(out.charAt(out.length() - 1)) >= 0) {
                here = out.deleteLast();
            }
            if (joined.isEmpty()) {
                if (out.length() > 0 && out.charAt(out.length() - 1) == ',') {
                    here = out.deleteLast();
                } else if (end < text.length() && text.charAt(end) == ',') {
                    end++;
                }
            }
            String replacement = (out.length() > 0 ? " " : "") + joined + " ";
            out.append(replacement, here);
            copied = end;
            used.add(name);
            if (out.length() > maxChars) {
                break;
            }
            start = text.indexOf(name, end);
        }
        if (out == null) {
            return in;
        }
        out.append(in, copied, text.length());
        return out.build(in.start());
    }

    private static String join(List<String> values) {
        StringBuilder sub = new StringBuilder();
        for (String v : values) {
            if (sub.length() > 0) {
                sub.append(", ");
            }
            sub.append(ExceptionConditions.quoteItem(v));
        }
        return sub.toString();
    }
}
