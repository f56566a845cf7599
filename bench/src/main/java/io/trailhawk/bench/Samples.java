package io.trailhawk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.rules.decode.CloudTrailDecoder;
import io.trailhawk.rules.decode.DecodeSink;
import io.trailhawk.rules.decode.EventSources;
import java.io.IOException;
import java.nio.file.Files;
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
        CloudTrailDecoder d = new CloudTrailDecoder();
        for (Path f : EventSources.expand(List.of(dir))) {
            d.decode(Files.readAllBytes(f), f.toString(), new DecodeSink() {
                @Override
                public void record(JsonNode record, String position) {
                    try {
                        out.add(mapper.writeValueAsBytes(record));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void skipped(String position, String reason) {
                }

                @Override
                public void malformed(String position, String reason) {
                }
            });
        }
        return out;
    }
}
