package io.trailhawk.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A format's schema as a fact file in this module ({@code schemas/*.tsv}, written from the published schema, its
 * version in the file's name and header): each attribute's path, type, requirement, allowed values and length.
 * {@link #problems} checks a document against it: an attribute it does not list, a wrong type, a value not
 * allowed, a length out of bounds, a required attribute missing.
 */
public final class SchemaFacts {
    private static final Map<String, String> FILES = Map.of(AlertFormats.OCSF, "ocsf-1.4.0-detection_finding.tsv",
            AlertFormats.ASFF, "asff-2018-10-08.tsv", AlertFormats.ECS, "ecs-8.17.0.tsv");

    private static final class Attribute {
        final String path;
        final String type;
        final boolean required;
        final Set<String> values;
        final int min;
        final int max;

        Attribute(String[] cols) {
            path = cols[0];
            type = cols[1];
            required = cols[2].equals("required");
            values = cols.length > 3 && !cols[3].isEmpty() ? expand(cols[3]) : null;
            String[] len = cols.length > 4 && !cols[4].isEmpty() ? cols[4].split("\\.\\.") : null;
            min = len == null ? 0 : Integer.parseInt(len[0]);
            max = len == null ? Integer.MAX_VALUE : Integer.parseInt(len[1]);
        }

        private static Set<String> expand(String spec) {
            Set<String> out = new LinkedHashSet<>();
            for (String v : spec.split(",")) {
                int dots = v.indexOf("..");
                if (dots > 0) {
                    for (int i = Integer.parseInt(v.substring(0, dots)); i <= Integer.parseInt(v.substring(dots + 2));
                            i++) {
                        out.add(Integer.toString(i));
                    }
                } else {
                    out.add(v);
                }
            }
            return out;
        }
    }

    private final String file;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    /** By the path of an object: the attributes it must have. */
    private final Map<String, List<String>> requiredIn = new HashMap<>();

    private SchemaFacts(String file) {
        this.file = file;
        try (InputStream in = SchemaFacts.class.getResourceAsStream("schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no fact file " + file);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Attribute a = new Attribute(line.split("\t"));
                attributes.put(a.path, a);
                if (a.required) {
                    int dot = a.path.lastIndexOf('.');
                    requiredIn.computeIfAbsent(dot < 0 ? "" : a.path.substring(0, dot), k -> new ArrayList<>())
                            .add(a.path.substring(dot + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facts of format {@code name}: ocsf, asff or ecs. */
    public static SchemaFacts of(String format) {
        String f = FILES.get(format);
        if (f == null) {
            throw new IllegalArgumentException("no fact file for format " + format);
        }
        return new SchemaFacts(f);
    }

    /** The fact file's name, which gives the schema and its version. */
    public String file() {
        return file;
    }

    /** Every way {@code doc} breaks the schema, each naming the attribute's path; empty when it keeps it. */
    public List<String> problems(JsonNode doc) {
        List<String> out = new ArrayList<>();
        object(doc, "", out);
        return out;
    }

    private void object(JsonNode node, String path, List<String> out) {
        if (!node.isObject()) {
            out.add((path.isEmpty() ? "the document" : path) + " is not an object");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            Attribute a = attributes.get(child);
            if (a == null) {
                out.add(child + " is not in " + file);
                continue;
            }
            value(a, e.getValue(), out);
        }
        for (String name : requiredIn.getOrDefault(path, List.of())) {
            if (!node.has(name)) {
                out.add((path.isEmpty() ? "" : path + ".") + name + " is required");
            }
        }
    }

    private void value(Attribute a, JsonNode v, List<String> out) {
        if (a.type.startsWith("array<")) {
            if (!v.isArray()) {
                out.add(a.path + " is not an array");
                return;
            }
            if (v.size() < a.min || v.size() > a.max) {
                out.add(a.path + " has " + v.size() + " items, not " + a.min + " to " + a.max);
            }
            String item = a.type.substring(6, a.type.length() - 1);
            for (JsonNode each : v) {
                if (item.equals("object")) {
                    object(each, a.path + "[]", out);
                } else {
                    scalar(a, item, each, false, out);
                }
            }
        } else if (a.type.startsWith("map<")) {
            if (!v.isObject()) {
                out.add(a.path + " is not an object");
                return;
            }
            String item = a.type.substring(4, a.type.length() - 1);
            v.forEach(each -> scalar(a, item, each, true, out));
        } else if (a.type.equals("object")) {
            object(v, a.path, out);
        } else {
            scalar(a, a.type, v, true, out);
        }
    }

    private static void scalar(Attribute a, String type, JsonNode v, boolean checkLength, List<String> out) {
        boolean ok;
        switch (type) {
            case "integer":
            case "long":
            case "timestamp_t":
                ok = v.isIntegralNumber();
                break;
            case "boolean":
                ok = v.isBoolean();
                break;
            case "ip":
                ok = v.isTextual() && JsonFields.isIpAddress(v.textValue());
                break;
            case "rfc3339":
            case "date":
                ok = v.isTextual() && isTimestamp(v.textValue());
                break;
            default:
                ok = v.isTextual();
        }
        if (!ok) {
            out.add(a.path + " is " + v + ", not a " + type);
            return;
        }
        String text = v.isTextual() ? v.textValue() : v.asText();
        if (a.values != null && !a.values.contains(text)) {
            out.add(a.path + " is " + v + ", not one of " + a.values);
        }
        if (checkLength && v.isTextual() && (text.length() < a.min || text.length() > a.max)) {
            out.add(a.path + " has " + text.length() + " characters, not " + a.min + " to " + a.max);
        }
    }

    private static boolean isTimestamp(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
