package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.SourceLocation;
import io.trailhawk.rules.eval.Operator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a rule's {@code exceptions}, with the checks Falco makes of their fields, comparisons and values. */
final class ExceptionReader {
    private final ItemFields fields;
    private final Diagnostics diag;
    private final YamlSource yaml;

    ExceptionReader(ItemFields fields) {
        this.fields = fields;
        this.diag = fields.diag;
        this.yaml = fields.yaml;
    }

    /**
     * Reads {@code exceptions}, empty when the item has none. {@code full} requires complete definitions (define,
     * replace); otherwise, for an append to {@code prev}, an existing name may give only values.
     */
    Read<List<ExceptionInfo>> readExceptions(YamlItem item, String label, boolean full, RuleInfo prev) {
        Node n = item.get("exceptions");
        if (n == null || ItemFields.isNull(n)) {
            return Read.of(new ArrayList<>());
        }
        if (!(n instanceof SequenceNode)) {
            return Read.error(yaml.at(n), label, "Rule exceptions must be a sequence");
        }
        List<ExceptionInfo> out = new ArrayList<>();
        List<Issue> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node e : ((SequenceNode) n).getValue()) {
            if (!(e instanceof MappingNode)) {
                errors.add(Issue.error(yaml.at(e), label, "Rule exception must be a mapping"));
                continue;
            }
            Read<ExceptionInfo> ex = readException(fields.item((MappingNode) e), label, full, prev);
            if (!ex.ok()) {
                errors.addAll(ex.errors());
                continue;
            }
            if (!seen.add(ex.value().name())) {
                diag.warning(ex.value().location(), label, "Multiple definitions of exception '" + ex.value().name()
                        + "' in the same rule");
            }
            out.add(ex.value());
        }
        return errors.isEmpty() ? Read.of(out) : Read.errors(errors);
    }

    private Read<ExceptionInfo> readException(YamlItem ex, String label, boolean full, RuleInfo prev) {
        String name = ItemFields.scalar(ex.get("name"));
        if (name == null || name.isEmpty()) {
            return Read.error(ex.at, label, "Item has no mapping for key 'name' in exception");
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
        Read<List<Object>> values = ex.has("values") ? readValues(ex.get("values"), exLabel)
                : Read.of(new ArrayList<>());
        if (!values.ok()) {
            return Read.errors(values.errors());
        }
        if (existing != null) {
            if (values.value().isEmpty()) {
                diag.warning(ex.at, exLabel, "Overriding/appending exception with no values");
            }
            if (ex.has("fields") || ex.has("comps")) {
                return Read.error(ex.at, exLabel, "Can not append exception " + (ex.has("fields") ? "fields"
                        : "comps") + " to existing exception, only values");
            }
            return Read.of(new ExceptionInfo(name, existing.location(), existing.fieldsIsList(), existing.fields(),
                    existing.comps(), values.value()));
        }
        Node fieldsNode = ex.get("fields");
        if (fieldsNode == null) {
            // Falco words it one way for a rule being defined or replaced, another for an appended exception.
            return Read.error(ex.at, exLabel, full ? "Item has no mapping for key 'fields'"
                    : "Rule exception must have fields property with a list of fields");
        }
        if (!full && !ex.has("values")) {
            return Read.error(ex.at, exLabel, "Rule exception must have values property with a list of values");
        }
        boolean fieldsIsList = fieldsNode instanceof SequenceNode;
        // A single field that is not a scalar counts as empty, as in Falco.
        Read<List<String>> fieldNames = fieldsIsList ? this.fields.strings((SequenceNode) fieldsNode, exLabel,
                "fields") : Read.of(List.of(Objects.toString(ItemFields.scalar(fieldsNode), "")));
        if (!fieldNames.ok() || fieldNames.value().isEmpty() || !fieldsIsList && fieldNames.value().get(0).isEmpty()) {
            List<Issue> errors = new ArrayList<>(fieldNames.errors());
            errors.add(Issue.error(yaml.at(fieldsNode), exLabel, fieldsIsList
                    ? "Rule exception item must have fields property with a list of fields"
                    : "Value must be non-empty (value for key 'fields')"));
            return Read.errors(errors);
        }
        List<String> names = fieldNames.value();
        Node compsNode = ex.get("comps");
        List<String> comps;
        if (compsNode == null) {
            comps = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                comps.add((fieldsIsList ? Operator.EQ : Operator.IN).spelling());
            }
        } else if (fieldsIsList != (compsNode instanceof SequenceNode)) {
            return Read.error(yaml.at(compsNode), exLabel, fieldsIsList
                    ? "Fields and comps lists must have equal length"
                    : "Fields and comps must both be strings");
        } else {
            Read<List<String>> read = fieldsIsList ? this.fields.strings((SequenceNode) compsNode, exLabel, "comps")
                    : single(compsNode, exLabel, "comps");
            if (!read.ok()) {
                return Read.errors(read.errors());
            }
            comps = read.value();
        }
        List<String> trimmed = new ArrayList<>();
        for (String c : comps) {
            trimmed.add(c.trim());
        }
        if (fieldsIsList && trimmed.size() != names.size()) {
            return Read.error(yaml.at(compsNode), exLabel, "Fields and comps lists must have equal length");
        }
        // Falco checks a single field's comparison for a list operator before it checks the operator exists.
        if (!fieldsIsList && !isListOperator(trimmed.get(0))) {
            return Read.error(yaml.at(compsNode), exLabel, "When fields is a single value, comps must be one of (in, "
                    + "pmatch, intersects) or a modifier operator (e.g. startswith oneof)");
        }
        for (String c : trimmed) {
            if (!isExceptionOperator(c)) {
                return Read.error(compsNode == null ? ex.at : yaml.at(compsNode), exLabel, "'" + c
                        + "' is not a supported comparison operator");
            }
        }
        for (int i = 0; i < values.value().size(); i++) {
            Object v = values.value().get(i);
            if (!fieldsIsList && !(v instanceof String)) {
                return Read.error(valueAt(ex.get("values"), i), exLabel,
                        "Expected values array to contain a list of strings");
            }
            if (fieldsIsList && (!(v instanceof List) || ((List<?>) v).size() != names.size())) {
                return Read.error(valueAt(ex.get("values"), i), exLabel,
                        "Fields and values lists must have equal length");
            }
        }
        return Read.of(new ExceptionInfo(name, ex.at, fieldsIsList, names, trimmed, values.value()));
    }

    /** A scalar as a list of one; an error when the node is not a scalar. */
    private Read<List<String>> single(Node n, String label, String key) {
        String s = ItemFields.scalar(n);
        return s == null ? Read.error(yaml.at(n), label, "Value is not a scalar value (value for key '" + key + "')")
                : Read.of(List.of(s));
    }

    /** Where entry {@code i} of an exception's values is written, or the values key when it is not a list. */
    private SourceLocation valueAt(Node valuesNode, int i) {
        if (valuesNode instanceof SequenceNode && i < ((SequenceNode) valuesNode).getValue().size()) {
            return yaml.at(((SequenceNode) valuesNode).getValue().get(i));
        }
        return yaml.at(valuesNode);
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

    private Read<List<Object>> readValues(Node n, String label) {
        if (!(n instanceof SequenceNode)) {
            return Read.error(yaml.at(n), label, "Rule exception values must be a sequence");
        }
        List<Object> out = new ArrayList<>();
        for (Node v : ((SequenceNode) n).getValue()) {
            if (v instanceof SequenceNode) {
                List<Object> tuple = new ArrayList<>();
                for (Node t : ((SequenceNode) v).getValue()) {
                    if (t instanceof SequenceNode) {
                        Read<List<String>> inner = this.fields.strings((SequenceNode) t, label, "values");
                        if (!inner.ok()) {
                            return Read.errors(inner.errors());
                        }
                        tuple.add(inner.value());
                    } else if (ItemFields.scalar(t) != null) {
                        tuple.add(ItemFields.scalar(t));
                    } else {
                        return Read.error(yaml.at(t), label, "exception values must be strings or lists of strings");
                    }
                }
                out.add(tuple);
            } else if (ItemFields.scalar(v) != null) {
                out.add(ItemFields.scalar(v));
            } else {
                return Read.error(yaml.at(v), label, "exception values must be strings or lists of strings");
            }
        }
        return Read.of(out);
    }
}
