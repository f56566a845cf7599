package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Which rules are on, chosen without editing their files: Falco's {@code rules:} selection of falco.yaml. A
 * document is a list of {@code - enable: {rule: NAME}}, {@code - disable: {rule: NAME}}, {@code - enable: {tag: TAG}}
 * and {@code - disable: {tag: TAG}}, applied in order after the files are loaded, over each rule's own
 * {@code enabled}; {@code *} in a rule name matches any run of characters. The same list under a top-level
 * {@code rules:} key, as falco.yaml has it, is read too. Immutable.
 */
public final class RuleSelection {
    /** One entry: enable or disable the rules a name pattern or a tag picks. */
    public static final class Entry {
        final boolean enable;
        /** A rule name pattern, or null when {@link #tag} picks. */
        final String rule;
        final String tag;
        final SourceLocation at;

        Entry(boolean enable, String rule, String tag, SourceLocation at) {
            this.enable = enable;
            this.rule = rule;
            this.tag = tag;
            this.at = at;
        }

        /** Whether this entry names the rule {@code name}, tagged {@code tags}. */
        public boolean picks(String name, Collection<String> tags) {
            return rule != null ? glob(rule, name) : tags.contains(tag);
        }

        public SourceLocation location() {
            return at;
        }

        @Override
        public String toString() {
            return (enable ? "enable " : "disable ") + (rule != null ? "rule '" + rule + "'" : "tag '" + tag + "'");
        }
    }

    /** Nothing selected: every rule as its file says. */
    public static final RuleSelection NONE = new RuleSelection(List.of());

    private final List<Entry> entries;

    private RuleSelection(List<Entry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** This selection's entries, then {@code later}'s. */
    public RuleSelection then(RuleSelection later) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(later.entries);
        return new RuleSelection(all);
    }

    /** Whether a rule is on once every entry has been applied in order to what its file says. */
    public boolean enabled(String name, Collection<String> tags, boolean asWritten) {
        boolean on = asWritten;
        for (Entry e : entries) {
            if (e.picks(name, tags)) {
                on = e.enable;
            }
        }
        return on;
    }

    /**
     * Reads a selection document. Every problem is an error in {@code diag} at its {@code FILE:LINE:COL}; a
     * document with errors must not be used.
     */
    public static RuleSelection read(RulesFile file, RuleLimits limits, Diagnostics diag) {
        YamlSource yaml = new YamlSource(file);
        List<Entry> out = new ArrayList<>();
        List<Node> documents = BoundedYaml.documents(file, limits, yaml, diag);
        if (documents == null) {
            return NONE;
        }
        for (Node doc : documents) {
            if (doc == null || ItemFields.isNull(doc)) {
                continue;
            }
            Node list = doc instanceof MappingNode ? underRules((MappingNode) doc, yaml, diag) : doc;
            if (list == null) {
                continue;
            }
            if (!(list instanceof SequenceNode)) {
                diag.error(yaml.at(list), null, "a rule selection is a list of enable and disable entries");
                continue;
            }
            for (Node item : ((SequenceNode) list).getValue()) {
                Entry e = entry(item, yaml, diag);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return new RuleSelection(out);
    }

    private static Node underRules(MappingNode doc, YamlSource yaml, Diagnostics diag) {
        for (NodeTuple t : doc.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode && ((ScalarNode) t.getKeyNode()).getValue().equals("rules")) {
                return t.getValueNode();
            }
            diag.error(yaml.at(t.getKeyNode()), null, "a rule selection has only a 'rules' key at its top level");
        }
        return null;
    }

    private static Entry entry(Node item, YamlSource yaml, Diagnostics diag) {
        if (!(item instanceof MappingNode) || ((MappingNode) item).getValue().size() != 1) {
            diag.error(yaml.at(item), null, "an entry is one of enable: or disable:, with rule: or tag:");
            return null;
        }
        NodeTuple t = ((MappingNode) item).getValue().get(0);
        String verb = t.getKeyNode() instanceof ScalarNode ? ((ScalarNode) t.getKeyNode()).getValue() : "";
        if (!verb.equals("enable") && !verb.equals("disable")) {
            diag.error(yaml.at(t.getKeyNode()), null, "an entry starts with enable: or disable:, not '" + verb + "'");
            return null;
        }
        Node what = t.getValueNode();
        if (!(what instanceof MappingNode) || ((MappingNode) what).getValue().size() != 1) {
            diag.error(yaml.at(what), null, verb + " takes one of rule: NAME or tag: TAG");
            return null;
        }
        NodeTuple w = ((MappingNode) what).getValue().get(0);
        String key = w.getKeyNode() instanceof ScalarNode ? ((ScalarNode) w.getKeyNode()).getValue() : "";
        if (!(w.getValueNode() instanceof ScalarNode) || ((ScalarNode) w.getValueNode()).getValue().isEmpty()) {
            diag.error(yaml.at(w.getValueNode()), null, key + ": takes a non-empty text");
            return null;
        }
        String value = ((ScalarNode) w.getValueNode()).getValue();
        boolean enable = verb.equals("enable");
        if (key.equals("rule")) {
            return new Entry(enable, value, null, yaml.at(item));
        }
        if (key.equals("tag")) {
            return new Entry(enable, null, value, yaml.at(item));
        }
        diag.error(yaml.at(w.getKeyNode()), null, verb + " takes rule: or tag:, not '" + key + "'");
        return null;
    }

    /** Whether {@code pattern} matches all of {@code name}, {@code *} matching any run of characters. */
    private static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
