package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code required_engine_version} and {@code required_plugin_versions} items. */
final class VersionRequirementsReader {
    private final ItemFields fields;
    private final RuleCollector collector;
    private final Diagnostics diag;
    private final YamlSource yaml;

    VersionRequirementsReader(ItemFields fields, RuleCollector collector) {
        this.fields = fields;
        this.collector = collector;
        this.diag = fields.diag;
        this.yaml = fields.yaml;
    }

    void readEngineVersion(YamlItem item) {
        Node v = item.get("required_engine_version");
        String text = ItemFields.scalar(v);
        Semver required = null;
        if (text != null && text.trim().matches("[0-9]+")) {
            required = Semver.of(0, Integer.parseInt(text.trim()), 0);
        } else if (text != null) {
            required = Semver.parse(text);
        }
        if (required == null) {
            diag.error(yaml.at(v), "required_engine_version", "Unable to parse engine version '" + text
                    + "' as a semver string. Expected \"x.y.z\" semver format.");
            return;
        }
        Semver engine = Semver.parse(RuleCollector.ENGINE_VERSION);
        if (!engine.satisfies(required)) {
            diag.error(yaml.at(v), "required_engine_version", "Rules require engine version " + required
                    + ", but engine version is " + engine);
        }
    }

    void readPluginVersions(YamlItem item) {
        Node v = item.get("required_plugin_versions");
        if (!(v instanceof SequenceNode)) {
            diag.error(yaml.at(v), "required_plugin_versions", "Value of required_plugin_versions must be a sequence");
            return;
        }
        for (Node entry : ((SequenceNode) v).getValue()) {
            if (!(entry instanceof MappingNode)) {
                diag.error(yaml.at(entry), "required_plugin_versions", "Plugin version must be a mapping");
                continue;
            }
            YamlItem req = fields.item((MappingNode) entry);
            List<String[]> alternatives = new ArrayList<>();
            Read<String[]> first = pluginVersion(req);
            if (!Read.report(diag, first)) {
                continue;
            }
            alternatives.add(first.value());
            Set<String> names = new HashSet<>();
            names.add(first.value()[0]);
            Node alts = req.get("alternatives");
            if (alts instanceof SequenceNode) {
                for (Node a : ((SequenceNode) alts).getValue()) {
                    if (!(a instanceof MappingNode)) {
                        diag.error(yaml.at(a), "required_plugin_versions",
                                "Plugin version alternative must be a mapping");
                        continue;
                    }
                    Read<String[]> alt = pluginVersion(fields.item((MappingNode) a));
                    if (!Read.report(diag, alt)) {
                        continue;
                    }
                    if (!names.add(alt.value()[0])) {
                        diag.error(yaml.at(a), "required_plugin_versions",
                                "Defined multiple alternative version requirements for plugin '" + alt.value()[0]
                                + "'");
                    } else {
                        alternatives.add(alt.value());
                    }
                }
            }
            collector.requirePlugins(new PluginRequirement(req.at, alternatives));
        }
    }

    /** A plugin's name and version. */
    private Read<String[]> pluginVersion(YamlItem req) {
        String name = ItemFields.scalar(req.get("name"));
        String version = ItemFields.scalar(req.get("version"));
        if (name == null || name.isEmpty()) {
            return Read.error(req.at, "required_plugin_versions", "Item has no mapping for key 'name'");
        }
        if (version == null) {
            return Read.error(req.at, "required_plugin_versions", "Item has no mapping for key 'version'");
        }
        if (Semver.parse(version) == null) {
            return Read.error(yaml.at(req.get("version")), "required_plugin_versions", "Invalid required version '"
                    + version + "' for plugin '" + name + "'");
        }
        return Read.of(new String[] {name, version});
    }
}
