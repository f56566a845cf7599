package io.trailhawk.cli.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads rule test files: a YAML list of cases, each with {@code name}, {@code rule}, {@code expect}
 * ({@code alert} or {@code no_alert}), optional {@code output}, and {@code event} (a map) or {@code event_file}
 * (a path relative to the test file), and optionally {@code rules}: YAML loaded after the ruleset for that case,
 * to test a rule as a user would tune it.
 */
public final class RuleTestFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RuleTestFiles() {
    }

    /** Files and directories (walked recursively for .yaml/.yml), sorted. */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    out.addAll(s.filter(Files::isRegularFile).filter(RuleTestFiles::isYaml).sorted()
                            .collect(Collectors.toList()));
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IOException("no such test file or directory: " + p);
            }
        }
        return out;
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** Reads one file. A case that cannot be read is returned as an error string in {@code problems}. */
    public static List<RuleTestCase> read(Path file, List<String> problems) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<RuleTestCase> out = new ArrayList<>();
        Object doc;
        List<Integer> lines = new ArrayList<>();
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(text);
            Node node = new Compose(LoadSettings.builder().build()).composeString(text).orElse(null);
            if (node instanceof SequenceNode) {
                for (Node item : ((SequenceNode) node).getValue()) {
                    lines.add(item.getStartMark().map(m -> m.getLine() + 1).orElse(1));
                }
            }
        } catch (YamlEngineException e) {
            problems.add(file + ": invalid YAML: " + e.getMessage());
            return out;
        }
        if (doc == null) {
            return out;
        }
        if (!(doc instanceof List)) {
            problems.add(file + ":1: a rule test file must be a YAML list of cases");
            return out;
        }
        List<?> cases = (List<?>) doc;
        for (int i = 0; i < cases.size(); i++) {
            String at = file + ":" + (i < lines.size() ? lines.get(i) : 1);
            Object c = cases.get(i);
            if (!(c instanceof Map)) {
                problems.add(at + ": a test case must be a map");
                continue;
            }
            RuleTestCase tc = toCase((Map<?, ?>) c, file, at, problems);
            if (tc != null) {
                out.add(tc);
            }
        }
        return out;
    }

    private static RuleTestCase toCase(Map<?, ?> m, Path file, String at, List<String> problems) throws IOException {
        String name = str(m.get("name"));
        String rule = str(m.get("rule"));
        String expect = str(m.get("expect"));
        if (name == null || rule == null || expect == null) {
            problems.add(at + ": a test case needs name, rule and expect");
            return null;
        }
        boolean alert;
        switch (expect.trim().toLowerCase(Locale.ROOT).replace(' ', '_')) {
            case "alert":
                alert = true;
                break;
            case "no_alert":
                alert = false;
                break;
            default:
                problems.add(at + ": expect must be 'alert' or 'no_alert', not '" + expect + "'");
                return null;
        }
        List<JsonNode> events = new ArrayList<>();
        if (m.get("events") instanceof List) {
            for (Object e : (List<?>) m.get("events")) {
                if (!(e instanceof Map)) {
                    problems.add(at + ": events must be a list of CloudTrail records (maps)");
                    return null;
                }
                events.add(MAPPER.valueToTree(e));
            }
            if (events.isEmpty()) {
                problems.add(at + ": events must not be empty");
                return null;
            }
        } else if (m.get("event") instanceof Map) {
            events.add(MAPPER.valueToTree(m.get("event")));
        } else if (m.get("event_file") != null) {
            Path p = file.getParent() == null ? Path.of(str(m.get("event_file")))
                    : file.getParent().resolve(str(m.get("event_file")));
            if (!Files.isRegularFile(p)) {
                problems.add(at + ": event_file not found: " + p);
                return null;
            }
            events.add(MAPPER.readTree(p.toFile()));
        } else {
            problems.add(at + ": a test case needs an event (a map), events (a list) or an event_file");
            return null;
        }
        Integer count = null;
        if (m.get("alerts") != null) {
            if (!(m.get("alerts") instanceof Integer) || (Integer) m.get("alerts") < 0) {
                problems.add(at + ": alerts must be a whole number of alerts, not '" + m.get("alerts") + "'");
                return null;
            }
            count = (Integer) m.get("alerts");
        }
        List<Integer> triggeredBy = null;
        if (m.get("triggered_by") != null) {
            triggeredBy = new ArrayList<>();
            Object t = m.get("triggered_by");
            for (Object i : t instanceof List ? (List<?>) t : List.of(t)) {
                if (!(i instanceof Integer) || (Integer) i < 0 || (Integer) i >= events.size()) {
                    problems.add(at + ": triggered_by must list event indexes from 0 to " + (events.size() - 1));
                    return null;
                }
                triggeredBy.add((Integer) i);
            }
        }
        return new RuleTestCase(name, rule, alert, str(m.get("output")), events, count, triggeredBy, at,
                str(m.get("rules")));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
