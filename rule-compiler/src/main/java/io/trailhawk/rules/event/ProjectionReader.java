package io.trailhawk.rules.event;

/**
 * Reads records through one projection on one thread, reusing from record to record what reading needs: the member
 * index, the event and its member slots, and the cache of members built lately. Each event it returns is valid
 * until its next read.
 */
final class ProjectionReader {
    private final Projection.Member root;
    private final RecordIndex index;
    private final CloudTrailEvent event;

    ProjectionReader(Projection.Member root) {
        this.root = root;
        this.index = new RecordIndex(root.childCount());
        this.event = new CloudTrailEvent(index, root, new MemberCache());
    }

    /** The record as an event; {@code layout}, when not null, says where its members are. */
    CloudTrailEvent read(byte[] json, RecordLayout layout, long number) throws ProjectionScanner.Malformed {
        index.reset(json);
        if (layout == null) {
            ProjectionScanner.index(index, root);
        } else {
            index.fill(layout, root);
        }
        return event.reset(number);
    }
}
