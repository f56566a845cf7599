package io.trailhawk.rules.event;

import io.trailhawk.rules.json.Projection;
import io.trailhawk.rules.json.RecordLayout;
import io.trailhawk.rules.json.RecordMembers;
import io.trailhawk.rules.json.Unscannable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads records' JSON bytes for one projection, on one thread. It owns what reading reuses from record to record
 * (the located members, the event, the cache of members built lately), so its owner, an operator instance or a
 * loop, keeps one and does not share it.
 */
public final class RecordReader {
    private final Projection projection;
    /** Null when the projection is the whole record. */
    private final RecordMembers members;
    private final CloudTrailEvent event;

    private RecordReader(Projection projection) {
        this.projection = projection;
        this.members = projection.isEverything() ? null : new RecordMembers(projection);
        this.event = members == null ? null : new CloudTrailEvent(members);
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
        if (members != null) {
            try {
                members.locate(json, layout);
                return event.reset(number);
            } catch (Unscannable e) {
                // fall through to the general path
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return CloudTrailEvent.of(projection.read(json), number);
    }
}
