package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a rule's stateful key, at most one of {@code suppress}, {@code threshold}, {@code distinct},
 * {@code sequence} and {@code first_seen}, each a map of its own keys (docs/stateful-rules.md). Every problem is
 * an error at the value it is about.
 */
final class StatefulClauseReader {
    /** Larger counts would hold too much per group: a threshold keeps one time per match it counts. */
    static final int MAX_THRESHOLD = 10_000;
    /** A distinct count keeps each value it counts. */
    static final int MAX_DISTINCT = 1_000;

    private static final Map<StatefulClause.Kind, Set<String>> REQUIRED = new EnumMap<>(StatefulClause.Kind.class);
    private static final Map<StatefulClause.Kind, Set<String>> ALLOWED = new EnumMap<>(StatefulClause.Kind.class);

    static {
        define(StatefulClause.Kind.SUPPRESS, ItemFields.keys("for"), ItemFields.keys("by"));
        define(StatefulClause.Kind.THRESHOLD, ItemFields.keys("count", "within"), ItemFields.keys("by"));
        define(StatefulClause.Kind.DISTINCT, ItemFields.keys("field", "count", "within"), ItemFields.keys("by"));
        define(StatefulClause.Kind.SEQUENCE, ItemFields.keys("within", "steps"), ItemFields.keys("by"));
        define(StatefulClause.Kind.FIRST_SEEN, ItemFields.keys("field", "forget"), ItemFields.keys("by", "learn"));
    }

    private static void define(StatefulClause.Kind kind, Set<String> required, Set<String> optional) {
        REQUIRED.put(kind, required);
        ALLOWED.put(kind, ItemFields.union(required, optional));
    }

    /** The rule keys this reader reads. */
    static final Set<String> KEYS = ItemFields.keys("suppress", "threshold", "distinct", "sequence", "first_seen");

    private final YamlSource yaml;

    StatefulClauseReader(YamlSource yaml) {
        this.yaml = yaml;
    }

    /** The rule's stateful clause; empty when it has none. */
    Read<Optional<StatefulClause>> read(YamlItem item, String label) {
        List<StatefulClause.Kind> given = new ArrayList<>();
        for (StatefulClause.Kind k : StatefulClause.Kind.values()) {
            if (item.has(k.key())) {
                given.add(k);
            }
        }
        if (given.isEmpty()) {
            return Read.of(Optional.empty());
        }
        if (given.size() > 1) {
            return Read.error(item.keyAt(given.get(1).key()), label, "a rule has at most one of suppress, threshold, "
                    + "distinct, sequence and first_seen; this one has " + given.get(0).key() + " and "
                    + given.get(1).key());
        }
        return clause(given.get(0), item, label).map(Optional::of);
    }

    /** One kind's clause, from the map under its key. */
    Read<StatefulClause> clause(StatefulClause.Kind kind, YamlItem item, String label) {
        Node n = item.get(kind.key());
        SourceLocation at = item.keyAt(kind.key());
        if (!(n instanceof MappingNode)) {
            return Read.error(yaml.at(n), label, "'" + kind.key() + "' must be a map of " + String.join(", ",
                    new java.util.TreeSet<>(ALLOWED.get(kind))));
        }
        Map<String, NodeTuple> entries = new java.util.LinkedHashMap<>();
        List<Issue> errors = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            String key = ItemFields.scalar(t.getKeyNode());
            if (key == null || !ALLOWED.get(kind).contains(key)) {
                errors.add(Issue.error(yaml.at(t.getKeyNode()), label, "unknown key '" + key + "' in " + kind.key()
                        + " (it takes " + String.join(", ", new java.util.TreeSet<>(ALLOWED.get(kind))) + ")"));
            } else {
                entries.putIfAbsent(key, t);
            }
        }
        for (String required : new java.util.TreeSet<>(REQUIRED.get(kind))) {
            if (!entries.containsKey(required)) {
                errors.add(Issue.error(at, label, kind.key() + " needs '" + required + "'"));
            }
        }
        if (!errors.isEmpty()) {
            return Read.errors(errors);
        }
        Read<List<StatefulClause.Name>> by = entries.containsKey("by") ? names(entries.get("by"), label, kind, "by")
                : Read.of(List.of());
        String windowKey = kind == StatefulClause.Kind.SUPPRESS ? "for"
                : kind == StatefulClause.Kind.FIRST_SEEN ? "forget" : "within";
        Read<Long> window = duration(entries.get(windowKey), label, kind, windowKey);
        Read<Long> learn = entries.containsKey("learn") ? duration(entries.get("learn"), label, kind, "learn")
                : Read.of(0L);
        Read<Integer> count = entries.containsKey("count") ? count(entries.get("count"), label, kind)
                : Read.of(0);
        Read<Optional<StatefulClause.Name>> field = entries.containsKey("field")
                ? name(entries.get("field"), label, kind, "field").map(Optional::of) : Read.of(Optional.empty());
        Read<List<StatefulClause.Name>> steps = entries.containsKey("steps")
                ? names(entries.get("steps"), label, kind, "steps") : Read.of(List.of());
        for (Read<?> r : List.of(by, window, learn, count, field, steps)) {
            errors.addAll(r.errors());
        }
        if (!errors.isEmpty()) {
            return Read.errors(errors);
        }
        if (kind == StatefulClause.Kind.SEQUENCE && steps.value().size() < 2) {
            return Read.error(yaml.at(entries.get("steps").getValueNode()), label, "a sequence needs at least two "
                    + "steps");
        }
        return Read.of(new StatefulClause(kind, at, by.value(), window.value(), learn.value(), count.value(),
                field.value().orElse(null), steps.value()));
    }

    private Read<Long> duration(NodeTuple t, String label, StatefulClause.Kind kind, String key) {
        String text = ItemFields.scalar(t.getValueNode());
        Optional<Long> nanos = text == null ? Optional.empty() : WindowDuration.parseNanos(text);
        return nanos.map(Read::of).orElseGet(() -> Read.error(yaml.at(t.getValueNode()), label, kind.key() + "."
                + key + " must be a duration such as 90s, 15m, 1h or 7d (from 1ms to 366d), not "
                + ItemFields.describe(t.getValueNode())));
    }

    private Read<Integer> count(NodeTuple t, String label, StatefulClause.Kind kind) {
        int max = kind == StatefulClause.Kind.DISTINCT ? MAX_DISTINCT : MAX_THRESHOLD;
        String text = ItemFields.scalar(t.getValueNode());
        if (text != null && text.trim().matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= max) {
                return Read.of(n);
            }
        }
        return Read.error(yaml.at(t.getValueNode()), label, kind.key() + ".count must be a whole number from 1 to "
                + max + ", not " + ItemFields.describe(t.getValueNode()));
    }

    private Read<StatefulClause.Name> name(NodeTuple t, String label, StatefulClause.Kind kind, String key) {
        String text = ItemFields.scalar(t.getValueNode());
        if (text == null || text.trim().isEmpty()) {
            return Read.error(yaml.at(t.getValueNode()), label, kind.key() + "." + key + " must be a field name, not "
                    + ItemFields.describe(t.getValueNode()));
        }
        return Read.of(new StatefulClause.Name(text.trim(), yaml.at(t.getValueNode())));
    }

    private Read<List<StatefulClause.Name>> names(NodeTuple t, String label, StatefulClause.Kind kind, String key) {
        Node n = t.getValueNode();
        String what = key.equals("steps") ? "rule names" : "field names";
        if (!(n instanceof SequenceNode)) {
            return Read.error(yaml.at(n), label, kind.key() + "." + key + " must be a list of " + what + ", not "
                    + ItemFields.describe(n));
        }
        List<StatefulClause.Name> out = new ArrayList<>();
        for (Node e : ((SequenceNode) n).getValue()) {
            String text = ItemFields.scalar(e);
            if (text == null || text.trim().isEmpty()) {
                return Read.error(yaml.at(e), label, kind.key() + "." + key + " must be a list of " + what
                        + "; found " + ItemFields.describe(e));
            }
            out.add(new StatefulClause.Name(text.trim(), yaml.at(e)));
        }
        return Read.of(out);
    }
}
