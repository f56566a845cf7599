package io.trailhawk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.cloudtrail.input.RecordCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The invictus records, each as the bytes of one CloudTrail record, as a stream source would deliver them. */
public final class Samples {
    public static final Path DEFAULT = Path.of("samples", "invictus-aws-2023", "CloudTrail");

    private Samples() {
    }

    public static List<byte[]> records(Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> out = new ArrayList<>();
        for (JsonNode r : RecordCollector.fromFiles(List.of(dir)).records()) {
            out.add(mapper.writeValueAsBytes(r));
        }
        return out;
    }
}
