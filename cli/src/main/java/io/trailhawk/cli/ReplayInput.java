package io.trailhawk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.cloudtrail.input.CloudTrailDecoder;
import io.trailhawk.cloudtrail.input.EventSources;
import io.trailhawk.cloudtrail.input.RecordCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Supplier;

/**
 * The EVENTS of replay and diff: files, directories (recursively) or {@code -} for stdin, in any form the decoder
 * reads, handed on record by record. Malformed input is reported on stderr with its position, and the rest goes
 * on. On a terminal, a progress line every two seconds.
 */
final class ReplayInput {
    /** Takes one decoded record. */
    interface RecordHandler {
        void record(JsonNode record) throws IOException;
    }

    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final CloudTrailDecoder decoder = new CloudTrailDecoder();
    private final PrintStream err;
    /** What a progress line says; null for none. */
    private final Supplier<String> progress;
    private long lastProgress = System.nanoTime();
    private long skipped;
    private long malformed;

    ReplayInput(PrintStream err, Supplier<String> progress) {
        this.err = err;
        this.progress = progress;
    }

    void read(List<String> events, InputStream stdin, RecordHandler handler) throws IOException {
        for (String p : events) {
            if (p.equals("-")) {
                payload(stdin.readAllBytes(), "<stdin>", handler);
            } else {
                for (Path f : EventSources.expand(List.of(Paths.get(p)))) {
                    payload(Files.readAllBytes(f), f.toString(), handler);
                }
            }
        }
    }

    long skipped() {
        return skipped;
    }

    long malformed() {
        return malformed;
    }

    private void payload(byte[] bytes, String origin, RecordHandler handler) throws IOException {
        RecordCollector decoded = new RecordCollector();
        decoder.decode(bytes, origin, decoded);
        skipped += decoded.skipped();
        malformed += decoded.malformed().size();
        decoded.malformed().forEach(m -> err.println(m.replaceFirst(": ", ": malformed record: ")));
        for (JsonNode r : decoded.records()) {
            handler.record(r);
        }
        if (progress != null && System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
            lastProgress = System.nanoTime();
            err.println(progress.get());
        }
    }
}
