package io.trailhawk.job.decode;

import java.io.Serializable;

/**
 * One CloudTrail record ready for the rules: its JSON bytes, its event time, where it came from, and, when the
 * decoder found it while checking the record, where its top-level members lie (see {@code RecordLayout}), so that
 * detection does not scan the record again.
 */
public final class DecodedRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    public byte[] json;
    public long eventTimeMillis;
    public String origin;
    /** Three positions per top-level member, or null. */
    public int[] layout;

    public DecodedRecord() {
    }

    public DecodedRecord(byte[] json, long eventTimeMillis, String origin, int[] layout) {
        this.json = json;
        this.eventTimeMillis = eventTimeMillis;
        this.origin = origin;
        this.layout = layout;
    }
}
