package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reading the values of a rules file's items: the YAML node access every item reader shares, with Falco's messages
 * for a value of the wrong shape. Errors go to the diagnostics and the value comes back null.
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

    String requireName(YamlItem item, String key) {
        Node n = item.get(key);
        String name = scalar(n);
        if (name == null || name.isEmpty()) {
            diag.error(item.at, null, isNull(n) ? "Mapping for key '" + key + "' is empty"
                    : n instanceof ScalarNode ? "Value must be non-empty" : "Value is not a scalar value");
            return null;
        }
        return name;
    }

    PositionedText requireText(YamlItem item, String key, String label) {
        Node n = item.get(key);
        if (n == null) {
            diag.error(item.at, label, "Item has no mapping for key '" + key + "'");
            return null;
        }
        if (isNull(n)) {
            diag.error(yaml.at(n), label, "Mapping for key '" + key + "' is empty");
            return null;
        }
        if (!(n instanceof ScalarNode)) {
            diag.error(yaml.at(n), label, "Value is not a scalar value (value for key '" + key + "')");
            return null;
        }
        PositionedText t = yaml.text((ScalarNode) n);
        if (t.text().isEmpty()) {
            diag.error(yaml.at(n), label, "Value must be non-empty (value for key '" + key + "')");
            return null;
        }
        return t;
    }

    /** Falco warns of {@code append: true} on any item, before anything else about it. */
    void warnDeprecatedAppend(YamlItem item, String label) {
        if (item.has("append") && "true".equalsIgnoreCase(String.valueOf(scalar(item.get("append"))).trim())) {
            diag.warning(item.at, label, "The 'append' key is deprecated. Add an 'append' entry (e.g. "
                    + "'condition: append') under 'override' instead.");
        }
    }

    Boolean readAppendFlag(YamlItem item, String label) {
        return item.has("append") ? readBool(item, "append", label) : Boolean.FALSE;
    }

    Boolean readBool(YamlItem item, String key, String label) {
        Node n = item.get(key);
        String s = scalar(n);
        if (s != null) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "on": case "y":
                    return Boolean.TRUE;
                case "false": case "no": case "off": case "n":
                    return Boolean.FALSE;
                default:
                    break;
            }
        }
        diag.error(yaml.at(n), label, "Can't decode YAML scalar value: the value for key '" + key
                + "' must be true or false, not " + describe(n));
        return null;
    }

    Long readUnsigned(YamlItem item, String key, String label) {
        Node n = item.get(key);
        String s = scalar(n);
        if (s != null) {
            String t = s.trim();
            try {
                if (t.matches("[0-9]+")) {
                    return Long.parseUnsignedLong(t);
                }
                if (t.matches("0[xX][0-9a-fA-F]+")) {
                    return Long.parseUnsignedLong(t.substring(2), 16);
                }
            } catch (NumberFormatException e) {
                // out of range: reported below
            }
        }
        diag.error(yaml.at(n), label, "Can't decode YAML scalar value: the value for key '" + key
                + "' must be an unsigned integer, not " + describe(n));
        return null;
    }

    /** Reads {@code override:}: key to append/replace. Returns an empty map when absent, null on error. */
    Map<String, String> readOverride(YamlItem item, String label, Set<String> appendable, Set<String> replaceable) {
        Map<String, String> out = new LinkedHashMap<>();
        Node n = item.get("override");
        if (n == null) {
            return out;
        }
        if (!(n instanceof MappingNode)) {
            diag.error(yaml.at(n), label, "Value for key 'override' must be a map of key: append|replace");
            return null;
        }
        boolean ok = true;
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            String key = scalar(t.getKeyNode());
            String op = scalar(t.getValueNode());
            SourceLocation at = yaml.at(t.getKeyNode());
            if (key == null || op == null) {
                diag.error(at, label, "override entries must be key: append|replace");
                ok = false;
            } else if (op.equals("append")) {
                if (!appendable.contains(key)) {
                    diag.error(at, label, "Key '" + key + "' cannot be appended to, use 'replace' instead");
                    ok = false;
                }
            } else if (op.equals("replace")) {
                if (!replaceable.contains(key)) {
                    diag.error(at, label, "Key '" + key + "' cannot be replaced");
                    ok = false;
                }
            } else {
                diag.error(yaml.at(t.getValueNode()), label, "Invalid override operation for key '" + key + "': '"
                        + op + "'. Allowed values are: " + (appendable.contains(key) ? "append " : "")
                        + (replaceable.contains(key) ? "replace " : ""));
                ok = false;
            }
            if (ok) {
                out.put(key, op);
            }
        }
        return ok ? out : null;
    }

    List<String> readStrings(YamlItem item, String key, String label) {
        Node n = item.get(key);
        if (!(n instanceof SequenceNode)) {
            diag.error(yaml.at(n), label, "Value is not a sequence (value for key '" + key + "')");
            return null;
        }
        return strings((SequenceNode) n, label, key);
    }

    List<String> strings(SequenceNode seq, String label, String key) {
        List<String> out = new ArrayList<>();
        for (Node e : seq.getValue()) {
            String s = scalar(e);
            if (s == null) {
                diag.error(yaml.at(e), label, "Value for key '" + key + "' must be a list of strings; found "
                        + describe(e));
                return null;
            }
            out.add(s);
        }
        return out;
    }

    static List<String> single(String s) {
        return s == null ? null : new ArrayList<>(List.of(s));
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
