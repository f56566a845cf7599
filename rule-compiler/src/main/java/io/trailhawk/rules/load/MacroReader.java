package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import java.util.Map;
import java.util.Set;

/** Reads {@code macro} items: definitions, appends and overrides. */
final class MacroReader {
    private static final Set<String> MACRO_KEYS = ItemFields.keys("macro", "condition", "append", "override");
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");
    private final ItemFields fields;
    private final RuleCollector collector;
    private final Diagnostics diag;

    MacroReader(ItemFields fields, RuleCollector collector) {
        this.fields = fields;
        this.collector = collector;
        this.diag = fields.diag;
    }

    void readMacro(YamlItem item) {
        String name = fields.requireName(item, "macro");
        if (name == null) {
            return;
        }
        String label = "macro '" + name + "'";
        fields.warnUnknownKeys(item, MACRO_KEYS, label);
        fields.warnDeprecatedAppend(item, label);
        if (!IDENTIFIER.matcher(name).matches()) {
            diag.warning(item.at, label, "Macro has an invalid name. Macro names should match a regular "
                    + "expression: ([a-zA-Z]+[a-zA-Z0-9_]*)");
        }
        PositionedText condition = fields.requireText(item, "condition", label);
        if (condition == null) {
            return;
        }
        Boolean append = fields.readAppendFlag(item, label);
        Map<String, String> override = fields.readOverride(item, label, ItemFields.keys("condition"),
                ItemFields.keys("condition"));
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
}
