package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code rule} items: definitions, appends, overrides and enable-only items. */
final class RuleReader {
    private static final Set<String> RULE_KEYS = ItemFields.keys("rule", "condition", "output", "desc", "priority",
            "source", "enabled", "tags", "exceptions", "warn_evttypes", "skip-if-unknown-filter", "capture",
            "capture_duration", "append", "override");
    private static final Set<String> RULE_APPENDABLE = ItemFields.keys("condition", "output", "desc", "tags",
            "exceptions");
    private static final Set<String> RULE_REPLACEABLE = ItemFields.keys("condition", "output", "desc", "priority",
            "capture", "capture_duration", "tags", "exceptions", "enabled", "warn_evttypes", "skip-if-unknown-filter");
    private static final Set<String> RULE_OVERRIDABLE = ItemFields.union(RULE_APPENDABLE, RULE_REPLACEABLE);
    private static final String NO_RULE_TO_APPEND =
            "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
    private final ItemFields fields;
    private final RuleCollector collector;
    private final Diagnostics diag;
    private final YamlSource yaml;
    private final ExceptionReader exceptions;

    RuleReader(ItemFields fields, RuleCollector collector) {
        this.fields = fields;
        this.collector = collector;
        this.diag = fields.diag;
        this.yaml = fields.yaml;
        this.exceptions = new ExceptionReader(fields);
    }

    void readRule(YamlItem item) {
        String name = fields.requireName(item, "rule");
        if (name == null) {
            return;
        }
        String label = "rule '" + name + "'";
        fields.warnUnknownKeys(item, RULE_KEYS, label);
        fields.warnDeprecatedAppend(item, label);
        Boolean append = fields.readAppendFlag(item, label);
        Map<String, String> override = fields.readOverride(item, label, RULE_APPENDABLE, RULE_REPLACEABLE);
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

    private void readRuleDefinition(YamlItem item, String name, String label) {
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
        PositionedText condition = fields.requireText(item, "condition", label);
        PositionedText output = fields.requireText(item, "output", label);
        String desc = ItemFields.scalar(item.get("desc"));
        if (desc == null || desc.isEmpty()) {
            diag.error(yaml.at(item.get("desc")), label, desc == null ? "Value is not a scalar value (value for key "
                    + "'desc')" : "Value must be non-empty (value for key 'desc')");
            desc = null;
        }
        Priority priority = readPriority(item, label);
        String source = declaredSource(item);
        Boolean enabled = item.has("enabled") ? fields.readBool(item, "enabled", label) : Boolean.TRUE;
        Boolean skip = item.has("skip-if-unknown-filter") ? fields.readBool(item, "skip-if-unknown-filter", label)
                : Boolean.FALSE;
        List<String> tags = item.has("tags") ? fields.readStrings(item, "tags", label) : new ArrayList<>();
        List<ExceptionInfo> exceptions = item.has("exceptions")
                ? this.exceptions.readExceptions(item, label, true, null) : List.of();
        // Only syscall rules use these, but their types are checked all the same, as Falco's reader does.
        boolean typed = (!item.has("capture") || fields.readBool(item, "capture", label) != null)
                & (!item.has("warn_evttypes") || fields.readBool(item, "warn_evttypes", label) != null)
                & (!item.has("capture_duration") || fields.readUnsigned(item, "capture_duration", label) != null);
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
    private String declaredSource(YamlItem item) {
        String source = item.has("source") ? ItemFields.scalar(item.get("source")) : null;
        return source == null || source.isEmpty() ? null : source;
    }

    /** An append or override that names a source must name the rule's own. */
    private boolean sameSource(YamlItem item, RuleInfo prev, String label) {
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

    private void readRuleEnableOnly(YamlItem item, String name, String label) {
        if (!item.has("enabled")) {
            diag.error(item.at, label, "Item has no mapping for key 'enabled' (a rule item without condition, "
                    + "output, desc and priority must at least set 'enabled')");
            return;
        }
        Boolean enabled = fields.readBool(item, "enabled", label);
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

    private void readRuleAppend(YamlItem item, String name, String label) {
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
        PositionedText condition = item.has("condition") ? fields.requireText(item, "condition", label) : null;
        List<ExceptionInfo> exceptions = item.has("exceptions")
                ? this.exceptions.readExceptions(item, label, false, prev) : null;
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

    private void readRuleOverride(YamlItem item, String name, String label, Map<String, String> override) {
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
                    v = fields.requireText(item, key, label);
                    break;
                case "desc":
                    v = ItemFields.scalar(item.get(key));
                    break;
                case "priority":
                    v = readPriority(item, label);
                    break;
                case "tags":
                    v = fields.readStrings(item, key, label);
                    break;
                case "exceptions":
                    v = this.exceptions.readExceptions(item, label, !isAppend, isAppend ? prev : null);
                    break;
                case "enabled":
                case "skip-if-unknown-filter":
                case "warn_evttypes":
                case "capture":
                    v = fields.readBool(item, key, label);
                    break;
                case "capture_duration":
                    v = fields.readUnsigned(item, key, label);
                    break;
                default:
                    v = ItemFields.scalar(item.get(key));
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

    private Priority readPriority(YamlItem item, String label) {
        Node n = item.get("priority");
        String text = ItemFields.scalar(n);
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
}
