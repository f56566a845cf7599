package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one rules file's items into the collector: the YAML documents within the limits, each item handed to
 * the reader for its kind, validated the way Falco's reader does.
 */
final class RuleFileReader {
    private final RulesFile file;
    private final RuleCollector collector;
    private final Diagnostics diag;
    private final YamlSource yaml;
    private final ItemFields fields;
    private final VersionRequirementsReader versions;
    private final ListReader lists;
    private final MacroReader macros;
    private final RuleReader rules;

    RuleFileReader(RulesFile file, RuleCollector collector, Diagnostics diag) {
        this.file = file;
        this.collector = collector;
        this.diag = diag;
        this.yaml = new YamlSource(file);
        this.fields = new ItemFields(yaml, diag);
        this.versions = new VersionRequirementsReader(fields, collector);
        this.lists = new ListReader(fields, collector);
        this.macros = new MacroReader(fields, collector);
        this.rules = new RuleReader(fields, collector);
    }

    void read() {
        if (file.content().length() > collector.limits().fileChars()) {
            diag.error(SourceLocation.of(file.name(), 1, 1), null, "the file is larger than "
                    + collector.limits().fileChars() + " characters");
            return;
        }
        List<Node> documents;
        try {
            documents = BoundedYaml.compose(file, collector.limits());
        } catch (MarkedYamlEngineException e) {
            SourceLocation at = e.getProblemMark().map(yaml::at)
                    .orElse(SourceLocation.of(file.name(), 1, 1));
            diag.error(at, null, "invalid YAML: " + e.getProblem());
            return;
        } catch (YamlEngineException e) {
            diag.error(SourceLocation.of(file.name(), 1, 1), null, "invalid YAML: " + e.getMessage());
            return;
        }
        for (Node doc : documents) {
            if (doc == null || ItemFields.isNull(doc)) {
                continue;
            }
            if (!(doc instanceof SequenceNode)) {
                diag.error(yaml.at(doc), null, doc instanceof MappingNode
                        ? "Rules content is not yaml array of objects" : "Rules content is not yaml");
                return;
            }
            for (Node item : ((SequenceNode) doc).getValue()) {
                if (ItemFields.isNull(item)) {
                    continue;
                }
                if (!(item instanceof MappingNode)) {
                    diag.error(yaml.at(item), null, "Unexpected element type. Each element should be a yaml "
                            + "associative array.");
                    return;
                }
                if (!collector.countItem()) {
                    diag.error(yaml.at(item), null, "the ruleset has more than " + collector.limits().items()
                            + " lists, macros and rules");
                    return;
                }
                readItem(fields.item((MappingNode) item));
            }
        }
    }

    private void readItem(YamlItem item) {
        if (file.inShadow() && changesAnotherFile(item)) {
            return;
        }
        if (item.has("required_engine_version")) {
            versions.readEngineVersion(item);
        } else if (item.has("required_plugin_versions")) {
            versions.readPluginVersions(item);
        } else if (item.has("list")) {
            lists.readList(item);
        } else if (item.has("macro")) {
            macros.readMacro(item);
        } else if (item.has("rule")) {
            rules.readRule(item);
        } else {
            diag.warning(item.at, null, "Unknown top level item; it will be ignored (expected list, macro, rule, "
                    + "required_engine_version or required_plugin_versions)");
        }
    }

    /**
     * A file in shadow may not change what live rules see: redefining, appending to or overriding a list, macro or
     * rule that another file defined is an error.
     */
    private boolean changesAnotherFile(YamlItem item) {
        for (String kind : new String[] {"list", "macro", "rule"}) {
            String name = item.has(kind) ? ItemFields.scalar(item.get(kind)) : null;
            if (name == null) {
                continue;
            }
            SourceLocation defined = kind.equals("list") ? location(collector.list(name))
                    : kind.equals("macro") ? location(collector.macro(name)) : location(collector.rule(name));
            if (defined != null && !defined.file().equals(file.name())) {
                diag.error(item.at, kind + " '" + name + "'", "a file in shadow defines only its own lists, macros "
                        + "and rules: this " + kind + " comes from " + defined.file() + ", and changing it would "
                        + "change live rules");
                return true;
            }
        }
        return false;
    }

    private static SourceLocation location(ListInfo l) {
        return l == null ? null : l.location();
    }

    private static SourceLocation location(MacroInfo m) {
        return m == null ? null : m.location();
    }

    private static SourceLocation location(RuleInfo r) {
        return r == null ? null : r.location();
    }
}
