package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
import io.trailhawk.rules.eval.Operator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
     * Reads {@code exceptions}. {@code full} requires complete definitions (define, replace); otherwise, for an
     * append to {@code prev}, an existing name may give only values.
     */
    List<ExceptionInfo> readExceptions(YamlItem item, String label, boolean full, RuleInfo prev) {
        Node n = item.get("exceptions");
        if (ItemFields.isNull(n)) {
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
            ExceptionInfo ex = readException(fields.item((MappingNode) e), label, full, prev);
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

    private ExceptionInfo readException(YamlItem ex, String label, boolean full, RuleInfo prev) {
        String name = ItemFields.scalar(ex.get("name"));
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
        List<String> fields = fieldsIsList ? this.fields.strings((SequenceNode) fieldsNode, exLabel, "fields")
                : ItemFields.single(ItemFields.scalar(fieldsNode));
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
            comps = fieldsIsList ? this.fields.strings((SequenceNode) compsNode, exLabel, "comps")
                    : ItemFields.single(ItemFields.scalar(compsNode));
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
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (!fieldsIsList && !(v instanceof String)) {
                diag.error(valueAt(ex.get("values"), i), exLabel, "Expected values array to contain a list of strings");
                return null;
            }
            if (fieldsIsList && (!(v instanceof List) || ((List<?>) v).size() != fields.size())) {
                diag.error(valueAt(ex.get("values"), i), exLabel, "Fields and values lists must have equal length");
                return null;
            }
        }
        return new ExceptionInfo(name, ex.at, fieldsIsList, fields, trimmed, values);
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
                        List<String> inner = this.fields.strings((SequenceNode) t, label, "values");
                        if (inner == null) {
                            return null;
                        }
                        tuple.add(inner);
                    } else if (ItemFields.scalar(t) != null) {
                        tuple.add(ItemFields.scalar(t));
                    } else {
                        diag.error(yaml.at(t), label, "exception values must be strings or lists of strings");
                        return null;
                    }
                }
                out.add(tuple);
            } else if (ItemFields.scalar(v) != null) {
                out.add(ItemFields.scalar(v));
            } else {
                diag.error(yaml.at(v), label, "exception values must be strings or lists of strings");
                return null;
            }
        }
        return out;
    }
}
