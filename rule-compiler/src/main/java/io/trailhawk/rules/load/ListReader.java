package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code list} items: definitions, appends and overrides. */
final class ListReader {
    private static final Set<String> LIST_KEYS = ItemFields.keys("list", "items", "append", "override");
    private static final java.util.regex.Pattern BARESTR = java.util.regex.Pattern.compile("[^()\"'\\s=,]+");
    private final ItemFields fields;
    private final RuleCollector collector;
    private final Diagnostics diag;
    private final YamlSource yaml;

    ListReader(ItemFields fields, RuleCollector collector) {
        this.fields = fields;
        this.collector = collector;
        this.diag = fields.diag;
        this.yaml = fields.yaml;
    }

    void readList(YamlItem item) {
        Read<String> read = fields.requireName(item, "list");
        if (!Read.report(diag, read)) {
            return;
        }
        String name = read.value();
        String label = "list '" + name + "'";
        if (!item.has("items")) {
            diag.error(item.at, label, "Item has no mapping for key 'items'");
            return;
        }
        fields.warnUnknownKeys(item, LIST_KEYS, label);
        fields.warnDeprecatedAppend(item, label);
        if (!BARESTR.matcher(name).matches()) {
            diag.warning(item.at, label, "List has an invalid name. List names should match a regular expression: "
                    + "([^()\"'[:space:]=,]+)");
        }
        Read<List<String>> items = readItems(item, label);
        if (!Read.report(diag, items)) {
            return;
        }
        Read<Merge> merge = fields.readMerge(item, label, "items");
        if (!Read.report(diag, merge)) {
            return;
        }
        ListInfo prev = collector.list(name);
        if (merge.value() == Merge.APPEND) {
            if (prev == null) {
                diag.error(item.at, label, "List uses 'append' or 'override.items: append' but no list by that "
                        + "name already exists");
                return;
            }
            collector.appendList(prev, items.value());
        } else {
            collector.defineList(name, item.at, items.value());
        }
    }

    private Read<List<String>> readItems(YamlItem item, String label) {
        Node n = item.get("items");
        if (!(n instanceof SequenceNode)) {
            return Read.error(yaml.at(n), label, "Value is not a sequence (value for key 'items')");
        }
        List<String> out = new ArrayList<>();
        for (Node e : ((SequenceNode) n).getValue()) {
            String s = ItemFields.scalar(e);
            if (s == null) {
                return Read.error(yaml.at(e), label, "sequence value is not scalar (value for key 'items')");
            }
            out.add(s);
        }
        return Read.of(out);
    }
}
