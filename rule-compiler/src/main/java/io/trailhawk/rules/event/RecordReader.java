package io.trailhawk.rules.event;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads records' JSON bytes for one projection, on one thread. It owns what reading reuses from record to record
 * (the member index, the event and its member slots, the cache of members built lately), so its owner, an
 * operator instance or a loop, keeps one and does not share it.
 */
public final class RecordReader {
    private final Projection projection;
    private final ProjectionReader reader;

    private RecordReader(Projection projection) {
        this.projection = projection;
        this.reader = projection.root() == null ? null : new ProjectionReader(projection.root());
    }

    public static RecordReader of(Projection projection) {
        return new RecordReader(projection);
    }

    /**
     * Reads a record. Input the fast path does not handle (escaped keys, anything that is not one JSON object) is
     * parsed by Jackson, which rejects what is invalid. Inside members that no rule reads, nothing is checked:
     * records reach here from the decoder, which has.
     *
     * <p>{@code layout}, when the decoder found it (else null), says where the members are, so they are not
     * searched for. The event is reused: it stays valid until this reader's next read. Evaluate it, keep what the
     * alerts need, and let it go.
     */
    public CloudTrailEvent read(byte[] json, RecordLayout layout, long number) throws IOException {
        if (reader != null) {
            try {
                return reader.read(json, layout, number);
            } catch (ProjectionScanner.Malformed e) {
                // fall through to the general path
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return CloudTrailEvent.of(projection.read(json), number);
    }
}
