package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** A YAML map with its keys in order and positions; the first of duplicate keys wins, as in yaml-cpp. */
final class YamlItem {
    final SourceLocation at;
    private final YamlSource yaml;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    YamlItem(MappingNode node, YamlSource yaml) {
        this.yaml = yaml;
        this.at = yaml.at(node);
        for (NodeTuple t : node.getValue()) {
            String k = ItemFields.scalar(t.getKeyNode());
            if (k != null) {
                entries.putIfAbsent(k, t);
            }
        }
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Node get(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    SourceLocation keyAt(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? at : yaml.at(t.getKeyNode());
    }

    Set<String> keys() {
        return entries.keySet();
    }
}
