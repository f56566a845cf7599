package io.trailhawk.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The records the tests evaluate, read plainly: the rule compiler takes records, and decoding the shapes they
 * arrive in belongs to the CloudTrail input module, which depends on this one.
 */
public final class SampleRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path INVICTUS = Path.of("..", "samples", "invictus-aws-2023", "CloudTrail");

    private SampleRecords() {
    }

    /** The 2,900 records of the attack simulation, from its CloudTrail log files in name order. */
    public static List<JsonNode> invictus() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(INVICTUS)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files) {
            MAPPER.readTree(f.toFile()).get("Records").forEach(out::add);
        }
        return out;
    }

    /** One record per non-blank line. */
    public static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(MAPPER.readTree(line));
            }
        }
        return out;
    }
}
