package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reading the values of a rules file's items: the YAML node access every item reader shares, with Falco's messages
 * for a value of the wrong shape. Each read gives a {@link Read}: the value, or its errors. Warnings, which stop
 * nothing, go straight to the diagnostics.
 */
final class ItemFields {
    final YamlSource yaml;
    final Diagnostics diag;

    ItemFields(YamlSource yaml, Diagnostics diag) {
        this.yaml = yaml;
        this.diag = diag;
    }

    YamlItem item(MappingNode node) {
        return new YamlItem(node, yaml);
    }

    /** Warns of each key of the item that {@code known} does not hold. */
    void warnUnknownKeys(YamlItem item, Set<String> known, String label) {
        for (String k : item.keys()) {
            if (!known.contains(k)) {
                diag.warning(item.keyAt(k), label, "Unknown key '" + k + "'. The key will be ignored.");
            }
        }
    }

    Read<String> requireName(YamlItem item, String key) {
        Node n = item.get(key);
        String name = scalar(n);
        if (name == null || name.isEmpty()) {
            return Read.error(item.at, null, isNull(n) ? "Mapping for key '" + key + "' is empty"
                    : n instanceof ScalarNode ? "Value must be non-empty" : "Value is not a scalar value");
        }
        return Read.of(name);
    }

    Read<PositionedText> requireText(YamlItem item, String key, String label) {
        Node n = item.get(key);
        if (n == null) {
            return Read.error(item.at, label, "Item has no mapping for key '" + key + "'");
        }
        if (isNull(n)) {
            return Read.error(yaml.at(n), label, "Mapping for key '" + key + "' is empty");
        }
        if (!(n instanceof ScalarNode)) {
            return Read.error(yaml.at(n), label, "Value is not a scalar value (value for key '" + key + "')");
        }
        PositionedText t = yaml.text((ScalarNode) n);
        if (t.text().isEmpty()) {
            return Read.error(yaml.at(n), label, "Value must be non-empty (value for key '" + key + "')");
        }
        return Read.of(t);
    }

    /** Falco warns of {@code append: true} on any item, before anything else about it. */
    void warnDeprecatedAppend(YamlItem item, String label) {
        if (item.has("append") && "true".equalsIgnoreCase(String.valueOf(scalar(item.get("append"))).trim())) {
            diag.warning(item.at, label, "The 'append' key is deprecated. Add an 'append' entry (e.g. "
                    + "'condition: append') under 'override' instead.");
        }
    }

    Read<Boolean> readAppendFlag(YamlItem item, String label) {
        return readBool(item, "append", label, false);
    }

    /**
     * How a list or macro item, whose one mergeable key is {@code key}, merges with an earlier item of its name:
     * {@code append: true} or {@code override: {key: append}} append, anything else defines.
     */
    Read<Merge> readMerge(YamlItem item, String label, String key) {
        Read<Boolean> append = readAppendFlag(item, label);
        Read<Map<String, Merge>> override = readOverride(item, label, keys(key), keys(key));
        if (!append.ok() || !override.ok()) {
            List<Issue> errors = new ArrayList<>(append.errors());
            errors.addAll(override.errors());
            return Read.errors(errors);
        }
        if (append.value() && !override.value().isEmpty()) {
            return Read.error(item.at, label, "Keys 'override' and 'append: true' cannot be used together. Add an "
                    + "'append' entry (e.g. '" + key + ": append') under 'override' instead.");
        }
        return Read.of(append.value() || override.value().get(key) == Merge.APPEND ? Merge.APPEND : Merge.REPLACE);
    }

    /** The key's boolean, or {@code absent} when the item does not have the key. */
    Read<Boolean> readBool(YamlItem item, String key, String label, boolean absent) {
        if (!item.has(key)) {
            return Read.of(absent);
        }
        Node n = item.get(key);
        String s = scalar(n);
        if (s != null) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "on": case "y":
                    return Read.of(Boolean.TRUE);
                case "false": case "no": case "off": case "n":
                    return Read.of(Boolean.FALSE);
                default:
                    break;
            }
        }
        return Read.error(yaml.at(n), label, "Can't decode YAML scalar value: the value for key '" + key
                + "' must be true or false, not " + describe(n));
    }

    /** The key's unsigned integer, decimal or hexadecimal; 0 when the item does not have the key. */
    Read<Long> readUnsigned(YamlItem item, String key, String label) {
        if (!item.has(key)) {
            return Read.of(0L);
        }
        Node n = item.get(key);
        String s = scalar(n);
        if (s != null) {
            String t = s.trim();
            try {
                if (t.matches("[0-9]+")) {
                    return Read.of(Long.parseUnsignedLong(t));
                }
                if (t.matches("0[xX][0-9a-fA-F]+")) {
                    return Read.of(Long.parseUnsignedLong(t.substring(2), 16));
                }
            } catch (NumberFormatException e) {
                // out of range: reported below
            }
        }
        return Read.error(yaml.at(n), label, "Can't decode YAML scalar value: the value for key '" + key
                + "' must be an unsigned integer, not " + describe(n));
    }

    /** Reads {@code override:}, each key with its merge; empty when the item has none. */
    Read<Map<String, Merge>> readOverride(YamlItem item, String label, Set<String> appendable,
            Set<String> replaceable) {
        Map<String, Merge> out = new LinkedHashMap<>();
        Node n = item.get("override");
        if (n == null) {
            return Read.of(out);
        }
        if (!(n instanceof MappingNode)) {
            return Read.error(yaml.at(n), label, "Value for key 'override' must be a map of key: append|replace");
        }
        List<Issue> errors = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            String key = scalar(t.getKeyNode());
            String op = scalar(t.getValueNode());
            SourceLocation at = yaml.at(t.getKeyNode());
            Optional<Merge> merge = op == null ? Optional.empty() : Merge.parse(op);
            if (key == null || op == null) {
                errors.add(Issue.error(at, label, "override entries must be key: append|replace"));
            } else if (merge.isEmpty()) {
                errors.add(Issue.error(yaml.at(t.getValueNode()), label, "Invalid override operation for key '" + key
                        + "': '" + op + "'. Allowed values are: " + (appendable.contains(key) ? "append " : "")
                        + (replaceable.contains(key) ? "replace " : "")));
            } else if (merge.get() == Merge.APPEND && !appendable.contains(key)) {
                errors.add(Issue.error(at, label, "Key '" + key + "' cannot be appended to, use 'replace' instead"));
            } else if (merge.get() == Merge.REPLACE && !replaceable.contains(key)) {
                errors.add(Issue.error(at, label, "Key '" + key + "' cannot be replaced"));
            } else if (errors.isEmpty()) {
                out.put(key, merge.get());
            }
        }
        return errors.isEmpty() ? Read.of(out) : Read.errors(errors);
    }

    /** The key's list of strings; {@code absent} when the item does not have the key. */
    Read<List<String>> readStrings(YamlItem item, String key, String label, List<String> absent) {
        if (!item.has(key)) {
            return Read.of(absent);
        }
        Node n = item.get(key);
        if (!(n instanceof SequenceNode)) {
            return Read.error(yaml.at(n), label, "Value is not a sequence (value for key '" + key + "')");
        }
        return strings((SequenceNode) n, label, key);
    }

    Read<List<String>> strings(SequenceNode seq, String label, String key) {
        List<String> out = new ArrayList<>();
        for (Node e : seq.getValue()) {
            String s = scalar(e);
            if (s == null) {
                return Read.error(yaml.at(e), label, "Value for key '" + key + "' must be a list of strings; found "
                        + describe(e));
            }
            out.add(s);
        }
        return Read.of(out);
    }

    static String scalar(Node n) {
        return n instanceof ScalarNode && !isNull(n) ? ((ScalarNode) n).getValue() : null;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode && n.getTag().getValue().endsWith(":null")
                && ((ScalarNode) n).getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN;
    }

    static String describe(Node n) {
        if (n == null) {
            return "nothing";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (n instanceof MappingNode) {
            return "a map";
        }
        return isNull(n) ? "null" : "'" + ((ScalarNode) n).getValue() + "'";
    }

    static Set<String> keys(String... k) {
        return new HashSet<>(Arrays.asList(k));
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
