package io.trailhawk.rules.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.field.Extractor;
import io.trailhawk.rules.load.Priority;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A compiled rule output: literal text and field segments. Renders {@code <NA>} for a missing value and
 * {@code (a,b)} for a list, as Falco does.
 */
public final class OutputTemplate {
    /** What a field prints as when the event lacks it, as in Falco. */
    public static final String NOT_AVAILABLE = "<NA>";

    /** The output as the rule wrote it. */
    private final String text;
    private final String[] literals;
    private final Extractor[] values;
    private final int[] widths;
    private final List<OutputField> fields;
    private final List<String[]> reads;
    /**
     * For each segment, the index in {@link #fields} of the field whose extractor it is, or -1 (a transformer): an
     * alert extracts each field once, for its text and for {@code output_fields} alike.
     */
    private final int[] segmentField;
    /** Each field name once, sorted as {@code output_fields} lists them. */
    private final String[] sortedNames;
    /** For each of {@link #sortedNames}, the index in {@link #fields} of the field that gives its value. */
    private final int[] sortedField;

    OutputTemplate(String text, String[] literals, Extractor[] values, int[] widths, List<OutputField> fields,
            List<String[]> reads) {
        this.text = text;
        this.literals = literals;
        this.values = values;
        this.widths = widths;
        this.fields = Collections.unmodifiableList(fields);
        this.reads = Collections.unmodifiableList(reads);
        this.segmentField = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            segmentField[i] = -1;
            for (int j = 0; j < fields.size(); j++) {
                if (fields.get(j).extractor() == values[i]) {
                    segmentField[i] = j;
                    break;
                }
            }
        }
        TreeMap<String, Integer> byName = new TreeMap<>();
        for (int j = 0; j < fields.size(); j++) {
            byName.put(fields.get(j).name(), j);
        }
        this.sortedNames = byName.keySet().toArray(new String[0]);
        this.sortedField = byName.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The output as the rule wrote it. */
    public String sourceText() {
        return text;
    }

    /** The record paths the output reads. */
    public List<String[]> reads() {
        return reads;
    }

    /** The alert a rule with this output raises on {@code event}; {@code stateful} is null for a rule without state. */
    public Alert alert(String rule, Priority priority, String source, SortedSet<String> tags, CloudTrailEvent event,
            StatefulContext stateful) {
        return alert(rule, priority, source, tags, event, stateful, EventFacts.NONE);
    }

    /** The same, carrying {@code facts} of the event. */
    public Alert alert(String rule, Priority priority, String source, SortedSet<String> tags, CloudTrailEvent event,
            StatefulContext stateful, EventFacts facts) {
        Object[] extracted = new Object[fields.size()];
        for (int j = 0; j < extracted.length; j++) {
            extracted[j] = fields.get(j).extractor().extract(event);
        }
        // Filled in sorted order, so that it iterates as a sorted map would, for less than a tree costs.
        Map<String, Object> byName = new LinkedHashMap<>(sortedNames.length * 4 / 3 + 1);
        for (int k = 0; k < sortedNames.length; k++) {
            byName.put(sortedNames[k], extracted[sortedField[k]]);
        }
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < values.length; i++) {
            sb.append(literals[i]);
            Object v = segmentField[i] >= 0 ? extracted[segmentField[i]] : values[i].extract(event);
            sb.append(fit(text(v), widths[i]));
        }
        String output = sb.append(literals[values.length]).toString();
        return new Alert(rule, priority, source, tags, output, byName, event.timeNanos(), event.text("eventID"),
                accountId(event), event.text("awsRegion"), stateful, facts);
    }

    /** The account the event happened in: the recipient account, else the caller's. */
    private static String accountId(CloudTrailEvent event) {
        String recipient = event.text("recipientAccountId");
        if (recipient != null) {
            return recipient;
        }
        JsonNode identity = event.member("userIdentity");
        return identity != null && identity.path("accountId").isTextual()
                ? identity.get("accountId").textValue() : null;
    }

    /** A field's value as outputs print it: {@code <NA>} when absent, a list in parentheses. */
    public static String text(Object v) {
        if (v == null) {
            return NOT_AVAILABLE;
        }
        if (v instanceof List) {
            return "(" + String.join(",", castList(v)) + ")";
        }
        if (v instanceof Long) {
            return Long.toUnsignedString((Long) v);
        }
        return v.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object v) {
        return (List<String>) v;
    }

    /** {@code v} cut or padded to {@code width}, as a field with a width prints; as it is for width 0. */
    static String fit(String v, int width) {
        if (width <= 0) {
            return v;
        }
        return v.length() > width ? v.substring(0, width) : pad(v, width);
    }

    private static String pad(String v, int width) {
        StringBuilder sb = new StringBuilder(v);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
