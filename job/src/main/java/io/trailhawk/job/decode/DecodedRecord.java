package io.trailhawk.job.decode;

import java.io.Serializable;

/** One CloudTrail record ready for the rules: its JSON bytes, its event time, and where it came from. */
public final class DecodedRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    public byte[] json;
    public long eventTimeMillis;
    public String origin;

    public DecodedRecord() {
    }

    public DecodedRecord(byte[] json, long eventTimeMillis, String origin) {
        this.json = json;
        this.eventTimeMillis = eventTimeMillis;
        this.origin = origin;
    }
}
