package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code rule} items: definitions, appends, overrides and enable-only items. Each is checked whole; a
 * definition, append or override becomes one {@link RuleUpdate}, which the collector applies. An item with any
 * error changes nothing.
 */
final class RuleReader {
    private static final Set<String> RULE_KEYS = ItemFields.keys("rule", "condition", "output", "desc", "priority",
            "source", "enabled", "tags", "exceptions", "warn_evttypes", "skip-if-unknown-filter", "capture",
            "capture_duration", "append", "override", "alert", "shadow", "suppress", "threshold", "distinct", "sequence",
            "first_seen");
    private static final Set<String> RULE_APPENDABLE = ItemFields.keys("condition", "output", "desc", "tags",
            "exceptions");
    private static final Set<String> RULE_REPLACEABLE = ItemFields.union(ItemFields.keys("condition", "output",
            "desc", "priority", "capture", "capture_duration", "tags", "exceptions", "enabled", "warn_evttypes",
            "skip-if-unknown-filter", "alert", "shadow"), StatefulClauseReader.KEYS);
    private static final Set<String> RULE_OVERRIDABLE = ItemFields.union(RULE_APPENDABLE, RULE_REPLACEABLE);
    private static final String NO_RULE_TO_APPEND =
            "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
    private final ItemFields fields;
    private final RuleCollector collector;
    private final Diagnostics diag;
    private final YamlSource yaml;
    private final ExceptionReader exceptions;
    private final StatefulClauseReader stateful;

    RuleReader(ItemFields fields, RuleCollector collector) {
        this.fields = fields;
        this.collector = collector;
        this.diag = fields.diag;
        this.yaml = fields.yaml;
        this.exceptions = new ExceptionReader(fields);
        this.stateful = new StatefulClauseReader(fields.yaml);
    }

    void readRule(YamlItem item) {
        Read<String> read = fields.requireName(item, "rule");
        if (!Read.report(diag, read)) {
            return;
        }
        String name = read.value();
        String label = "rule '" + name + "'";
        fields.warnUnknownKeys(item, RULE_KEYS, label);
        fields.warnDeprecatedAppend(item, label);
        Read<Boolean> append = fields.readAppendFlag(item, label);
        Read<Map<String, Merge>> override = fields.readOverride(item, label, RULE_APPENDABLE, RULE_REPLACEABLE);
        if (!Read.report(diag, append, override)) {
            return;
        }
        if (append.value() && !override.value().isEmpty()) {
            diag.error(item.at, label, "Keys 'override' and 'append: true' cannot be used together. "
                    + "Add an 'append' entry (e.g. 'condition: append') under 'override' instead.");
            return;
        }
        if (!override.value().isEmpty()) {
            readRuleOverride(item, name, label, override.value());
        } else if (append.value()) {
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
        Read<PositionedText> condition = fields.requireText(item, "condition", label);
        Read<PositionedText> output = fields.requireText(item, "output", label);
        Read<String> desc = readDesc(item, label);
        Read<Priority> priority = readPriority(item, label);
        String source = declaredSource(item);
        Read<Boolean> enabled = fields.readBool(item, "enabled", label, true);
        Read<Boolean> skip = fields.readBool(item, "skip-if-unknown-filter", label, false);
        Read<List<String>> tags = fields.readStrings(item, "tags", label, List.of());
        Read<List<ExceptionInfo>> exceptions = this.exceptions.readExceptions(item, label, true, null);
        // Only syscall rules use these, but their types are checked all the same, as Falco's reader does.
        Read<Boolean> capture = fields.readBool(item, "capture", label, false);
        Read<Boolean> warnEventTypes = fields.readBool(item, "warn_evttypes", label, true);
        Read<Long> captureDuration = fields.readUnsigned(item, "capture_duration", label);
        Read<Optional<StatefulClause>> clause = stateful.read(item, label);
        Read<Boolean> alert = fields.readBool(item, "alert", label, true);
        Read<Boolean> shadow = fields.readBool(item, "shadow", label, false);
        if (!Read.report(diag, condition, output, desc, priority, enabled, skip, tags, exceptions, capture,
                warnEventTypes, captureDuration, clause, alert, shadow)) {
            return;
        }
        RuleInfo prev = collector.rule(name);
        if (prev != null && source != null && prev.source() != null && !prev.source().equals(source)) {
            diag.error(item.at, label, "Rule has been re-defined with a different source ('" + prev.source()
                    + "' before, '" + source + "' now)");
            return;
        }
        collector.defineRule(name, item.at, source, RuleUpdate.builder()
                .condition(Merge.REPLACE, condition.value())
                .output(Merge.REPLACE, output.value())
                .desc(Merge.REPLACE, desc.value())
                .priority(priority.value())
                .enabled(enabled.value())
                .skipIfUnknownFilter(skip.value())
                .tags(Merge.REPLACE, tags.value())
                .exceptions(Merge.REPLACE, exceptions.value())
                .stateful(clause.value())
                .alert(alert.value())
                .shadow(shadow.value())
                .build());
    }

    /** The item's {@code source}, or null when it gives none (an empty value counts as none, as in Falco). */
    private static String declaredSource(YamlItem item) {
        String source = item.has("source") ? ItemFields.scalar(item.get("source")) : null;
        return source == null || source.isEmpty() ? null : source;
    }

    /** An append or override that names a source must name the rule's own. */
    private boolean sameSource(YamlItem item, RuleInfo prev, String label) {
        String source = declaredSource(item);
        if (source == null || source.equals(prev.effectiveSource())) {
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
        Read<Boolean> enabled = fields.readBool(item, "enabled", label, true);
        if (!Read.report(diag, enabled)) {
            return;
        }
        RuleInfo prev = collector.rule(name);
        if (prev == null) {
            diag.error(item.at, label, "Rule has 'enabled' key but no rule by that name already exists");
            return;
        }
        diag.warning(item.at, label, "The standalone 'enabled' key usage is deprecated. The correct approach "
                + "requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').");
        collector.enableRule(prev, enabled.value());
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
        Read<PositionedText> condition = item.has("condition") ? fields.requireText(item, "condition", label)
                : Read.of(PositionedText.of("", item.at));
        Read<List<ExceptionInfo>> exceptions = this.exceptions.readExceptions(item, label, false, prev);
        if (!Read.report(diag, condition, exceptions)) {
            return;
        }
        RuleUpdate.Builder update = RuleUpdate.builder();
        if (item.has("condition")) {
            update.condition(Merge.APPEND, condition.value());
        }
        if (item.has("exceptions")) {
            update.exceptions(Merge.APPEND, exceptions.value());
        }
        collector.updateRule(prev, update.build());
    }

    private void readRuleOverride(YamlItem item, String name, String label, Map<String, Merge> override) {
        boolean ok = true;
        for (Map.Entry<String, Merge> e : override.entrySet()) {
            if (!item.has(e.getKey())) {
                diag.error(item.at, label, "An " + e.getValue().spelling() + " override for '" + e.getKey()
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
            diag.error(item.at, label, override.containsValue(Merge.APPEND) ? NO_RULE_TO_APPEND
                    : "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists");
            return;
        }
        if (!sameSource(item, prev, label)) {
            return;
        }
        // Every value is read before anything changes, so that an invalid one leaves the rule untouched.
        RuleUpdate.Builder update = RuleUpdate.builder();
        for (Map.Entry<String, Merge> e : override.entrySet()) {
            if (!Read.report(diag, overridden(item, label, prev, e.getKey(), e.getValue(), update))) {
                return;
            }
        }
        collector.updateRule(prev, update.build());
    }

    /** Reads one overridden key into {@code update}. */
    private Read<?> overridden(YamlItem item, String label, RuleInfo prev, String key, Merge merge,
            RuleUpdate.Builder update) {
        switch (key) {
            case "condition":
                return fields.requireText(item, key, label).map(v -> update.condition(merge, v));
            case "output":
                return fields.requireText(item, key, label).map(v -> update.output(merge, v));
            case "desc":
                return readDesc(item, label).map(v -> update.desc(merge, v));
            case "priority":
                return readPriority(item, label).map(update::priority);
            case "tags":
                return fields.readStrings(item, key, label, List.of()).map(v -> update.tags(merge, v));
            case "exceptions":
                return exceptions.readExceptions(item, label, merge == Merge.REPLACE,
                        merge == Merge.APPEND ? prev : null).map(v -> update.exceptions(merge, v));
            case "enabled":
                return fields.readBool(item, key, label, true).map(update::enabled);
            case "skip-if-unknown-filter":
                return fields.readBool(item, key, label, false).map(update::skipIfUnknownFilter);
            case "alert":
                return fields.readBool(item, key, label, true).map(update::alert);
            case "shadow":
                return fields.readBool(item, key, label, false).map(update::shadow);
            case "suppress":
            case "threshold":
            case "distinct":
            case "sequence":
            case "first_seen":
                return stateful.clause(kindOf(key), item, label).map(c -> update.stateful(Optional.of(c)));
            // Only syscall rules use these, but their types are checked all the same, as Falco's reader does.
            case "capture_duration":
                return fields.readUnsigned(item, key, label);
            case "capture":
            case "warn_evttypes":
                return fields.readBool(item, key, label, false);
            default:
                throw new IllegalStateException("not an overridable key: " + key);
        }
    }

    private static StatefulClause.Kind kindOf(String key) {
        for (StatefulClause.Kind k : StatefulClause.Kind.values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a stateful key: " + key);
    }

    private Read<String> readDesc(YamlItem item, String label) {
        Node n = item.get("desc");
        String desc = ItemFields.scalar(n);
        if (desc == null || desc.isEmpty()) {
            return Read.error(yaml.at(n), label, desc == null ? "Value is not a scalar value (value for key 'desc')"
                    : "Value must be non-empty (value for key 'desc')");
        }
        return Read.of(desc);
    }

    private Read<Priority> readPriority(YamlItem item, String label) {
        Node n = item.get("priority");
        String text = ItemFields.scalar(n);
        if (text == null || text.isEmpty()) {
            return Read.error(yaml.at(n), label, text == null
                    ? "Value is not a scalar value (value for key 'priority')"
                    : "Value must be non-empty (value for key 'priority')");
        }
        Priority p = Priority.parse(text);
        return p != null ? Read.of(p) : Read.error(yaml.at(n), label, "Invalid priority '" + text + "': use one of "
                + "Emergency, Alert, Critical, Error, Warning, Notice, Informational (or Info), Debug");
    }
}
