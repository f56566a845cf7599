package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
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
        Read<String> read = fields.requireName(item, "macro");
        if (!Read.report(diag, read)) {
            return;
        }
        String name = read.value();
        String label = "macro '" + name + "'";
        fields.warnUnknownKeys(item, MACRO_KEYS, label);
        fields.warnDeprecatedAppend(item, label);
        if (!IDENTIFIER.matcher(name).matches()) {
            diag.warning(item.at, label, "Macro has an invalid name. Macro names should match a regular "
                    + "expression: ([a-zA-Z]+[a-zA-Z0-9_]*)");
        }
        Read<PositionedText> condition = fields.requireText(item, "condition", label);
        if (!Read.report(diag, condition)) {
            return;
        }
        Read<Merge> merge = fields.readMerge(item, label, "condition");
        if (!Read.report(diag, merge)) {
            return;
        }
        MacroInfo prev = collector.macro(name);
        if (merge.value() == Merge.APPEND) {
            if (prev == null) {
                diag.error(item.at, label, "Macro uses 'append' or 'override.condition: append' but no macro by "
                        + "that name already exists");
                return;
            }
            collector.appendMacro(prev, condition.value());
        } else {
            collector.defineMacro(name, item.at, condition.value());
        }
    }
}
