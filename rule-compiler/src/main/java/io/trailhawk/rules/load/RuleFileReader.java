package io.trailhawk.rules.load;

import io.trailhawk.rules.Priority;
import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
import io.trailhawk.rules.eval.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads one rules file's items into the collector, validating each item the way Falco's reader does. */
final class RuleFileReader {
    private static final Set<String> LIST_KEYS = keys("list", "items", "append", "override");
    private static final Set<String> MACRO_KEYS = keys("macro", "condition", "append", "override");
    private static final Set<String> RULE_KEYS = keys("rule", "condition", "output", "desc", "priority", "source",
            "enabled", "tags", "exceptions", "warn_evttypes", "skip-if-unknown-filter", "capture",
            "capture_duration", "append", "override");
    private static final Set<String> RULE_APPENDABLE = keys("condition", "output", "desc", "tags", "exceptions");
    private static final Set<String> RULE_REPLACEABLE = keys("condition", "output", "desc", "priority", "capture",
            "capture_duration", "tags", "exceptions", "enabled", "warn_evttypes", "skip-if-unknown-filter");
    private static final Set<String> RULE_OVERRIDABLE = union(RULE_APPENDABLE, RULE_REPLACEABLE);
    private static final java.util.regex.Pattern BARESTR = java.util.regex.Pattern.compile("[^()\"'\\s=,]+");
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");

    private static final String NO_RULE_TO_APPEND =
            "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";

    private final RulesFile file;
    private final RuleCollector collector;
    private final Diagnostics diag;
    private final YamlSource yaml;

    RuleFileReader(RulesFile file, RuleCollector collector, Diagnostics diag) {
        this.file = file;
        this.collector = collector;
        this.diag = diag;
        this.yaml = new YamlSource(file);
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
            if (doc == null || isNull(doc)) {
                continue;
            }
            if (!(doc instanceof SequenceNode)) {
                diag.error(yaml.at(doc), null, doc instanceof MappingNode
                        ? "Rules content is not yaml array of objects" : "Rules content is not yaml");
                return;
            }
            for (Node item : ((SequenceNode) doc).getValue()) {
                if (isNull(item)) {
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
                readItem(new Item((MappingNode) item));
            }
        }
    }

    private void readItem(Item item) {
        if (item.has("required_engine_version")) {
            readEngineVersion(item);
        } else if (item.has("required_plugin_versions")) {
            readPluginVersions(item);
        } else if (item.has("list")) {
            readList(item);
        } else if (item.has("macro")) {
            readMacro(item);
        } else if (item.has("rule")) {
            readRule(item);
        } else {
            diag.warning(item.at, null, "Unknown top level item; it will be ignored (expected list, macro, rule, "
                    + "required_engine_version or required_plugin_versions)");
        }
    }

    private void readEngineVersion(Item item) {
        Node v = item.get("required_engine_version");
        String text = scalar(v);
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

    private void readPluginVersions(Item item) {
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
            Item req = new Item((MappingNode) entry);
            List<String[]> alternatives = new ArrayList<>();
            String[] first = pluginVersion(req);
            if (first == null) {
                continue;
            }
            alternatives.add(first);
            Set<String> names = new HashSet<>();
            names.add(first[0]);
            Node alts = req.get("alternatives");
            if (alts instanceof SequenceNode) {
                for (Node a : ((SequenceNode) alts).getValue()) {
                    if (!(a instanceof MappingNode)) {
                        diag.error(yaml.at(a), "required_plugin_versions", "Plugin version alternative must be a mapping");
                        continue;
                    }
                    String[] alt = pluginVersion(new Item((MappingNode) a));
                    if (alt != null && !names.add(alt[0])) {
                        diag.error(yaml.at(a), "required_plugin_versions",
                                "Defined multiple alternative version requirements for plugin '" + alt[0] + "'");
                    } else if (alt != null) {
                        alternatives.add(alt);
                    }
                }
            }
            collector.requirePlugins(new PluginRequirement(req.at, alternatives));
        }
    }

    private String[] pluginVersion(Item req) {
        String name = scalar(req.get("name"));
        String version = scalar(req.get("version"));
        if (name == null || name.isEmpty()) {
            diag.error(req.at, "required_plugin_versions", "Item has no mapping for key 'name'");
            return null;
        }
        if (version == null) {
            diag.error(req.at, "required_plugin_versions", "Item has no mapping for key 'version'");
            return null;
        }
        if (Semver.parse(version) == null) {
            diag.error(yaml.at(req.get("version")), "required_plugin_versions", "Invalid required version '" + version
                    + "' for plugin '" + name + "'");
            return null;
        }
        return new String[] {name, version};
    }

    // ----- lists -----

    private void readList(Item item) {
        String name = requireName(item, "list");
        if (name == null) {
            return;
        }
        String label = "list '" + name + "'";
        if (!item.has("items")) {
            diag.error(item.at, label, "Item has no mapping for key 'items'");
            return;
        }
        item.warnUnknownKeys(LIST_KEYS, label);
        warnDeprecatedAppend(item, label);
        if (!BARESTR.matcher(name).matches()) {
            diag.warning(item.at, label, "List has an invalid name. List names should match a regular expression: "
                    + "([^()\"'[:space:]=,]+)");
        }
        List<String> items = readItems(item, label);
        if (items == null) {
            return;
        }
        Boolean append = readAppendFlag(item, label);
        Map<String, String> override = readOverride(item, label, keys("items"), keys("items"));
        if (append == null || override == null) {
            return;
        }
        if (append && !override.isEmpty()) {
            diag.error(item.at, label, "Keys 'override' and 'append: true' cannot be used together. "
                    + "Add an 'append' entry (e.g. 'items: append') under 'override' instead.");
            return;
        }
        String op = append ? "append" : override.get("items");
        ListInfo prev = collector.list(name);
        if ("append".equals(op)) {
            if (prev == null) {
                diag.error(item.at, label, "List uses 'append' or 'override.items: append' but no list by that "
                        + "name already exists");
                return;
            }
            prev.append(collector.nextVisibility(), items);
        } else if (prev != null) {
            prev.redefine(item.at, collector.nextVisibility(), items);
        } else {
            collector.newList(name, item.at, items);
        }
    }

    private List<String> readItems(Item item, String label) {
        Node n = item.get("items");
        if (n == null) {
            diag.error(item.at, label, "Item has no mapping for key 'items'");
            return null;
        }
        if (!(n instanceof SequenceNode)) {
            diag.error(yaml.at(n), label, "Value is not a sequence (value for key 'items')");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node e : ((SequenceNode) n).getValue()) {
            String s = scalar(e);
            if (s == null) {
                diag.error(yaml.at(e), label, "sequence value is not scalar (value for key 'items')");
                return null;
            }
            out.add(s);
        }
        return out;
    }

    // ----- macros -----

    private void readMacro(Item item) {
        String name = requireName(item, "macro");
        if (name == null) {
            return;
        }
        String label = "macro '" + name + "'";
        item.warnUnknownKeys(MACRO_KEYS, label);
        warnDeprecatedAppend(item, label);
        if (!IDENTIFIER.matcher(name).matches()) {
            diag.warning(item.at, label, "Macro has an invalid name. Macro names should match a regular "
                    + "expression: ([a-zA-Z]+[a-zA-Z0-9_]*)");
        }
        PositionedText condition = requireText(item, "condition", label);
        if (condition == null) {
            return;
        }
        Boolean append = readAppendFlag(item, label);
        Map<String, String> override = readOverride(item, label, keys("condition"), keys("condition"));
        if (append == null || override == null) {
            return;
        }
        if (append && !override.isEmpty()) {
            diag.error(item.at, label, "Keys 'override' and 'append: true' cannot be used together. "
                    + "Add an 'append' entry (e.g. 'condition: append') under 'override' instead.");
            return;
        }
        String op = append ? "append" : override.get("condition");
        MacroInfo prev = collector.macro(name);
        if ("append".equals(op)) {
            if (prev == null) {
                diag.error(item.at, label, "Macro uses 'append' or 'override.condition: append' but no macro by "
                        + "that name already exists");
                return;
            }
            prev.append(collector.nextVisibility(), condition);
        } else if (prev != null) {
            prev.redefine(item.at, collector.nextVisibility(), condition);
        } else {
            collector.newMacro(name, item.at, condition);
        }
    }

    // ----- rules -----

    private void readRule(Item item) {
        String name = requireName(item, "rule");
        if (name == null) {
            return;
        }
        String label = "rule '" + name + "'";
        item.warnUnknownKeys(RULE_KEYS, label);
        warnDeprecatedAppend(item, label);
        Boolean append = readAppendFlag(item, label);
        Map<String, String> override = readOverride(item, label, RULE_APPENDABLE, RULE_REPLACEABLE);
        if (append == null || override == null) {
            return;
        }
        if (append && !override.isEmpty()) {
            diag.error(item.at, label, "Keys 'override' and 'append: true' cannot be used together. "
                    + "Add an 'append' entry (e.g. 'condition: append') under 'override' instead.");
            return;
        }
        if (!override.isEmpty()) {
            readRuleOverride(item, name, label, override);
        } else if (append) {
            readRuleAppend(item, name, label);
        } else if (!item.has("condition") && !item.has("output") && !item.has("desc") && !item.has("priority")) {
            readRuleEnableOnly(item, name, label);
        } else {
            readRuleDefinition(item, name, label);
        }
    }

    private void readRuleDefinition(Item item, String name, String label) {
        boolean ok = true;
        for (String key : new String[] {"condition", "output", "desc", "priority"}) {
            if (!item.has(key)) {
                diag.error(item.at, label, "Item has no mapping for key '" + key + "'");
                ok = false;
            }
        }
        if (!ok) {
            return;
        }
        PositionedText condition = requireText(item, "condition", label);
        PositionedText output = requireText(item, "output", label);
        String desc = scalar(item.get("desc"));
        if (desc == null || desc.isEmpty()) {
            diag.error(yaml.at(item.get("desc")), label, desc == null ? "Value is not a scalar value (value for key "
                    + "'desc')" : "Value must be non-empty (value for key 'desc')");
            desc = null;
        }
        Priority priority = readPriority(item, label);
        String source = declaredSource(item);
        Boolean enabled = item.has("enabled") ? readBool(item, "enabled", label) : Boolean.TRUE;
        Boolean skip = item.has("skip-if-unknown-filter") ? readBool(item, "skip-if-unknown-filter", label)
                : Boolean.FALSE;
        List<String> tags = item.has("tags") ? readStrings(item, "tags", label) : new ArrayList<>();
        List<ExceptionInfo> exceptions = item.has("exceptions") ? readExceptions(item, label, true, null) : List.of();
        // Only syscall rules use these, but their types are checked all the same, as Falco's reader does.
        boolean typed = (!item.has("capture") || readBool(item, "capture", label) != null)
                & (!item.has("warn_evttypes") || readBool(item, "warn_evttypes", label) != null)
                & (!item.has("capture_duration") || readUnsigned(item, "capture_duration", label) != null);
        if (condition == null || output == null || desc == null || priority == null || enabled == null
                || skip == null || tags == null || exceptions == null || !typed) {
            return;
        }
        RuleInfo prev = collector.rule(name);
        if (prev != null && source != null && prev.source() != null && !prev.source().equals(source)) {
            diag.error(item.at, label, "Rule has been re-defined with a different source ('" + prev.source()
                    + "' before, '" + source + "' now)");
            return;
        }
        RuleInfo r = prev != null ? prev : collector.newRule(name, item.at);
        if (prev != null) {
            collector.nextVisibility();
        }
        r.define(item.at, condition, output.trim(), desc, priority, source, enabled, skip, tags, exceptions);
    }

    /** The item's {@code source}, or null when it gives none (an empty value counts as none, as in Falco). */
    private String declaredSource(Item item) {
        String source = item.has("source") ? scalar(item.get("source")) : null;
        return source == null || source.isEmpty() ? null : source;
    }

    /** An append or override that names a source must name the rule's own. */
    private boolean sameSource(Item item, RuleInfo prev, String label) {
        String source = declaredSource(item);
        if (source == null) {
            return true;
        }
        if (source != null && source.equals(prev.effectiveSource())) {
            return true;
        }
        diag.error(yaml.at(item.get("source")), label, "Rule has been re-defined with a different source ('"
                + prev.effectiveSource() + "' before, '" + source + "' now)");
        return false;
    }

    private void readRuleEnableOnly(Item item, String name, String label) {
        if (!item.has("enabled")) {
            diag.error(item.at, label, "Item has no mapping for key 'enabled' (a rule item without condition, "
                    + "output, desc and priority must at least set 'enabled')");
            return;
        }
        Boolean enabled = readBool(item, "enabled", label);
        if (enabled == null) {
            return;
        }
        RuleInfo prev = collector.rule(name);
        if (prev == null) {
            diag.error(item.at, label, "Rule has 'enabled' key but no rule by that name already exists");
            return;
        }
        diag.warning(item.at, label, "The standalone 'enabled' key usage is deprecated. The correct approach "
                + "requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').");
        prev.setEnabled(enabled);
    }

    private void readRuleAppend(Item item, String name, String label) {
        if (!item.has("condition") && !item.has("exceptions")) {
            diag.error(item.at, label, "Appended rule must have exceptions or condition property");
            return;
        }
        RuleInfo prev = collector.rule(name);
        if (prev == null) {
            diag.error(item.at, label, NO_RULE_TO_APPEND);
            return;
        }
        if (!sameSource(item, prev, label)) {
            return;
        }
        PositionedText condition = item.has("condition") ? requireText(item, "condition", label) : null;
        List<ExceptionInfo> exceptions = item.has("exceptions") ? readExceptions(item, label, false, prev) : null;
        if ((item.has("condition") && condition == null) || (item.has("exceptions") && exceptions == null)) {
            return;
        }
        collector.nextVisibility();
        if (condition != null) {
            prev.setCondition(prev.condition().append(" ", condition));
        }
        if (exceptions != null) {
            mergeExceptions(prev, exceptions);
        }
    }

    private void readRuleOverride(Item item, String name, String label, Map<String, String> override) {
        boolean ok = true;
        for (Map.Entry<String, String> e : override.entrySet()) {
            if (!item.has(e.getKey())) {
                diag.error(item.at, label, "An " + e.getValue() + " override for '" + e.getKey()
                        + "' was specified but '" + e.getKey() + "' is not defined");
                ok = false;
            }
        }
        for (String key : item.keys()) {
            if (RULE_OVERRIDABLE.contains(key) && !override.containsKey(key)) {
                diag.error(item.keyAt(key), label, "Unexpected key '" + key
                        + "': no corresponding entry under 'override' is defined.");
                ok = false;
            }
        }
        if (!ok) {
            return;
        }
        RuleInfo prev = collector.rule(name);
        if (prev == null) {
            boolean anyAppend = override.containsValue("append");
            diag.error(item.at, label, anyAppend ? NO_RULE_TO_APPEND
                    : "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists");
            return;
        }
        if (!sameSource(item, prev, label)) {
            return;
        }
        // Read every value first, so that an invalid one leaves the rule untouched.
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : override.entrySet()) {
            String key = e.getKey();
            boolean isAppend = e.getValue().equals("append");
            Object v;
            switch (key) {
                case "condition":
                case "output":
                    v = requireText(item, key, label);
                    break;
                case "desc":
                    v = scalar(item.get(key));
                    break;
                case "priority":
                    v = readPriority(item, label);
                    break;
                case "tags":
                    v = readStrings(item, key, label);
                    break;
                case "exceptions":
                    v = readExceptions(item, label, !isAppend, isAppend ? prev : null);
                    break;
                case "enabled":
                case "skip-if-unknown-filter":
                case "warn_evttypes":
                case "capture":
                    v = readBool(item, key, label);
                    break;
                case "capture_duration":
                    v = readUnsigned(item, key, label);
                    break;
                default:
                    v = scalar(item.get(key));
                    break;
            }
            if (v == null) {
                return;
            }
            values.put(key, v);
        }
        collector.nextVisibility();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            boolean isAppend = override.get(e.getKey()).equals("append");
            applyOverride(prev, e.getKey(), isAppend, e.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private void applyOverride(RuleInfo r, String key, boolean isAppend, Object v) {
        switch (key) {
            case "condition":
                r.setCondition(isAppend ? r.condition().append(" ", (PositionedText) v) : (PositionedText) v);
                break;
            case "output":
                r.setOutput(isAppend ? r.output().append(" ", (PositionedText) v) : ((PositionedText) v).trim());
                break;
            case "desc":
                r.setDesc(isAppend ? r.desc() + " " + v : (String) v);
                break;
            case "priority":
                r.setPriority((Priority) v);
                break;
            case "tags":
                if (isAppend) {
                    r.addTags((List<String>) v);
                } else {
                    r.setTags((List<String>) v);
                }
                break;
            case "exceptions":
                if (isAppend) {
                    mergeExceptions(r, (List<ExceptionInfo>) v);
                } else {
                    r.setExceptions((List<ExceptionInfo>) v);
                }
                break;
            case "enabled":
                r.setEnabled((Boolean) v);
                break;
            case "skip-if-unknown-filter":
                r.setSkipIfUnknownFilter((Boolean) v);
                break;
            default:
                // capture, capture_duration and warn_evttypes only matter for syscall rules.
                break;
        }
    }

    /** Appended exceptions: a new name is added; an existing name gets the new values. */
    private static void mergeExceptions(RuleInfo r, List<ExceptionInfo> more) {
        List<ExceptionInfo> list = r.mutableExceptions();
        for (ExceptionInfo ex : more) {
            int found = -1;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).name().equals(ex.name())) {
                    found = i;
                }
            }
            if (found >= 0) {
                list.set(found, list.get(found).withMoreValues(ex.values()));
            } else {
                list.add(ex);
            }
        }
    }

    private Priority readPriority(Item item, String label) {
        Node n = item.get("priority");
        String text = scalar(n);
        if (text == null || text.isEmpty()) {
            diag.error(yaml.at(n), label, text == null ? "Value is not a scalar value (value for key 'priority')"
                    : "Value must be non-empty (value for key 'priority')");
            return null;
        }
        Priority p = Priority.parse(text);
        if (p == null) {
            diag.error(yaml.at(n), label, "Invalid priority '" + text + "': use one of Emergency, Alert, Critical, "
                    + "Error, Warning, Notice, Informational (or Info), Debug");
        }
        return p;
    }

    // ----- exceptions -----

    /**
     * Reads {@code exceptions}. {@code full} requires complete definitions (define, replace); otherwise, for an
     * append to {@code prev}, an existing name may give only values.
     */
    private List<ExceptionInfo> readExceptions(Item item, String label, boolean full, RuleInfo prev) {
        Node n = item.get("exceptions");
        if (isNull(n)) {
            return new ArrayList<>();
        }
        if (!(n instanceof SequenceNode)) {
            diag.error(yaml.at(n), label, "Rule exceptions must be a sequence");
            return null;
        }
        List<ExceptionInfo> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (Node e : ((SequenceNode) n).getValue()) {
            if (!(e instanceof MappingNode)) {
                diag.error(yaml.at(e), label, "Rule exception must be a mapping");
                ok = false;
                continue;
            }
            ExceptionInfo ex = readException(new Item((MappingNode) e), label, full, prev);
            if (ex == null) {
                ok = false;
                continue;
            }
            if (!seen.add(ex.name())) {
                diag.warning(ex.location(), label, "Multiple definitions of exception '" + ex.name()
                        + "' in the same rule");
            }
            out.add(ex);
        }
        return ok ? out : null;
    }

    private ExceptionInfo readException(Item ex, String label, boolean full, RuleInfo prev) {
        String name = scalar(ex.get("name"));
        if (name == null || name.isEmpty()) {
            diag.error(ex.at, label, "Item has no mapping for key 'name' in exception");
            return null;
        }
        String exLabel = label + ", exception '" + name + "'";
        ExceptionInfo existing = null;
        if (!full && prev != null) {
            for (ExceptionInfo e : prev.exceptions()) {
                if (e.name().equals(name)) {
                    existing = e;
                }
            }
        }
        List<Object> values = ex.has("values") ? readValues(ex.get("values"), exLabel) : new ArrayList<>();
        if (values == null) {
            return null;
        }
        if (existing != null) {
            if (values.isEmpty()) {
                diag.warning(ex.at, exLabel, "Overriding/appending exception with no values");
            }
            if (ex.has("fields") || ex.has("comps")) {
                diag.error(ex.at, exLabel, "Can not append exception " + (ex.has("fields") ? "fields" : "comps")
                        + " to existing exception, only values");
                return null;
            }
            return new ExceptionInfo(name, existing.location(), existing.fieldsIsList(), existing.fields(),
                    existing.comps(), values);
        }
        Node fieldsNode = ex.get("fields");
        if (fieldsNode == null) {
            // Falco words it one way for a rule being defined or replaced, another for an appended exception.
            diag.error(ex.at, exLabel, full ? "Item has no mapping for key 'fields'"
                    : "Rule exception must have fields property with a list of fields");
            return null;
        }
        if (!full && !ex.has("values")) {
            diag.error(ex.at, exLabel, "Rule exception must have values property with a list of values");
            return null;
        }
        boolean fieldsIsList = fieldsNode instanceof SequenceNode;
        List<String> fields = fieldsIsList ? strings((SequenceNode) fieldsNode, exLabel, "fields")
                : single(scalar(fieldsNode));
        if (fields == null || fields.isEmpty() || !fieldsIsList && fields.get(0).isEmpty()) {
            diag.error(yaml.at(fieldsNode), exLabel, fieldsIsList
                    ? "Rule exception item must have fields property with a list of fields"
                    : "Value must be non-empty (value for key 'fields')");
            return null;
        }
        Node compsNode = ex.get("comps");
        List<String> comps;
        if (compsNode == null) {
            comps = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                comps.add((fieldsIsList ? Operator.EQ : Operator.IN).spelling());
            }
        } else if (fieldsIsList != (compsNode instanceof SequenceNode)) {
            diag.error(yaml.at(compsNode), exLabel, fieldsIsList
                    ? "Fields and comps lists must have equal length"
                    : "Fields and comps must both be strings");
            return null;
        } else {
            comps = fieldsIsList ? strings((SequenceNode) compsNode, exLabel, "comps") : single(scalar(compsNode));
            if (comps == null) {
                return null;
            }
        }
        List<String> trimmed = new ArrayList<>();
        for (String c : comps) {
            trimmed.add(c.trim());
        }
        if (fieldsIsList && trimmed.size() != fields.size()) {
            diag.error(yaml.at(compsNode), exLabel, "Fields and comps lists must have equal length");
            return null;
        }
        // Falco checks a single field's comparison for a list operator before it checks the operator exists.
        if (!fieldsIsList && !isListOperator(trimmed.get(0))) {
            diag.error(yaml.at(compsNode), exLabel, "When fields is a single value, comps must be one of (in, "
                    + "pmatch, intersects) or a modifier operator (e.g. startswith oneof)");
            return null;
        }
        for (String c : trimmed) {
            if (!isExceptionOperator(c)) {
                diag.error(compsNode == null ? ex.at : yaml.at(compsNode), exLabel, "'" + c
                        + "' is not a supported comparison operator");
                return null;
            }
        }
        for (Object v : values) {
            if (!fieldsIsList && !(v instanceof String)) {
                diag.error(yaml.at(ex.get("values")), exLabel, "Expected values array to contain a list of strings");
                return null;
            }
            if (fieldsIsList && (!(v instanceof List) || ((List<?>) v).size() != fields.size())) {
                diag.error(yaml.at(ex.get("values")), exLabel, "Fields and values lists must have equal length");
                return null;
            }
        }
        return new ExceptionInfo(name, ex.at, fieldsIsList, fields, trimmed, values);
    }

    /** A list operator, or a string operator with a modifier ({@code contains anyof}). */
    static boolean isListOperator(String comp) {
        Operator op = Operator.bySpelling(comp);
        if (op != null) {
            return op.takesList();
        }
        String[] parts = comp.split("\\s+");
        Operator base = parts.length == 2 ? Operator.bySpelling(parts[0]) : null;
        return base != null && base.takesModifier() && Operator.Modifier.parse(parts[1]) != null;
    }

    /** Any binary operator, or a modified one. */
    private static boolean isExceptionOperator(String comp) {
        Operator op = Operator.bySpelling(comp);
        return op != null && op != Operator.EXISTS || isListOperator(comp);
    }

    private List<Object> readValues(Node n, String label) {
        if (!(n instanceof SequenceNode)) {
            diag.error(yaml.at(n), label, "Rule exception values must be a sequence");
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (Node v : ((SequenceNode) n).getValue()) {
            if (v instanceof SequenceNode) {
                List<Object> tuple = new ArrayList<>();
                for (Node t : ((SequenceNode) v).getValue()) {
                    if (t instanceof SequenceNode) {
                        List<String> inner = strings((SequenceNode) t, label, "values");
                        if (inner == null) {
                            return null;
                        }
                        tuple.add(inner);
                    } else if (scalar(t) != null) {
                        tuple.add(scalar(t));
                    } else {
                        diag.error(yaml.at(t), label, "exception values must be strings or lists of strings");
                        return null;
                    }
                }
                out.add(tuple);
            } else if (scalar(v) != null) {
                out.add(scalar(v));
            } else {
                diag.error(yaml.at(v), label, "exception values must be strings or lists of strings");
                return null;
            }
        }
        return out;
    }

    // ----- shared readers -----

    private String requireName(Item item, String key) {
        Node n = item.get(key);
        String name = scalar(n);
        if (name == null || name.isEmpty()) {
            diag.error(item.at, null, isNull(n) ? "Mapping for key '" + key + "' is empty"
                    : n instanceof ScalarNode ? "Value must be non-empty" : "Value is not a scalar value");
            return null;
        }
        return name;
    }

    private PositionedText requireText(Item item, String key, String label) {
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
    private void warnDeprecatedAppend(Item item, String label) {
        if (item.has("append") && "true".equalsIgnoreCase(String.valueOf(scalar(item.get("append"))).trim())) {
            diag.warning(item.at, label, "The 'append' key is deprecated. Add an 'append' entry (e.g. "
                    + "'condition: append') under 'override' instead.");
        }
    }

    private Boolean readAppendFlag(Item item, String label) {
        return item.has("append") ? readBool(item, "append", label) : Boolean.FALSE;
    }

    private Boolean readBool(Item item, String key, String label) {
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

    private Long readUnsigned(Item item, String key, String label) {
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
    private Map<String, String> readOverride(Item item, String label, Set<String> appendable, Set<String> replaceable) {
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

    private List<String> readStrings(Item item, String key, String label) {
        Node n = item.get(key);
        if (!(n instanceof SequenceNode)) {
            diag.error(yaml.at(n), label, "Value is not a sequence (value for key '" + key + "')");
            return null;
        }
        return strings((SequenceNode) n, label, key);
    }

    private List<String> strings(SequenceNode seq, String label, String key) {
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

    private static List<String> single(String s) {
        return s == null ? null : new ArrayList<>(List.of(s));
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode && !isNull(n) ? ((ScalarNode) n).getValue() : null;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && n.getTag().getValue().endsWith(":null")
                && ((ScalarNode) n).getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN;
    }

    private static String describe(Node n) {
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

    private static Set<String> keys(String... k) {
        return new HashSet<>(Arrays.asList(k));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** A YAML map with its keys in order and positions; the first of duplicate keys wins, as in yaml-cpp. */
    private final class Item {
        final SourceLocation at;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

        Item(MappingNode node) {
            this.at = yaml.at(node);
            for (NodeTuple t : node.getValue()) {
                String k = scalar(t.getKeyNode());
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

        void warnUnknownKeys(Set<String> known, String label) {
            for (String k : entries.keySet()) {
                if (!known.contains(k)) {
                    diag.warning(keyAt(k), label, "Unknown key '" + k + "'. The key will be ignored.");
                }
            }
        }
    }
}
