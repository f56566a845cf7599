package io.trailhawk.cloudtrail.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A sink that keeps what it is given: the records, how many were skipped, and each malformed input's message. */
public final class RecordCollector implements DecodeSink {
    private final List<JsonNode> records = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private long skipped;

    /** Decodes every CloudTrail file under {@code paths} (see {@link EventSources}). */
    public static RecordCollector fromFiles(List<Path> paths) throws IOException {
        RecordCollector c = new RecordCollector();
        CloudTrailDecoder decoder = new CloudTrailDecoder();
        for (Path f : EventSources.expand(paths)) {
            decoder.decode(Files.readAllBytes(f), f.toString(), c);
        }
        return c;
    }

    @Override
    public void record(JsonNode record, String position) {
        records.add(record);
    }

    @Override
    public void skipped(String position, String reason) {
        skipped++;
    }

    @Override
    public void malformed(String position, String reason) {
        malformed.add(position + ": " + reason);
    }

    public List<JsonNode> records() {
        return Collections.unmodifiableList(records);
    }

    /** {@code POSITION: reason} for each malformed input, in order. */
    public List<String> malformed() {
        return Collections.unmodifiableList(malformed);
    }

    public long skipped() {
        return skipped;
    }
}
