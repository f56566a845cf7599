package io.trailhawk.job.source;

import java.io.Serializable;

/**
 * Bytes as a source delivered them, before decoding, with where they came from ({@code kinesis:STREAM/SHARD},
 * {@code kafka:TOPIC/PARTITION@OFFSET}, {@code file:PATH}). A Flink POJO.
 */
public final class RawPayload implements Serializable {
    private static final long serialVersionUID = 1L;

    public byte[] bytes;
    public String origin;

    public RawPayload() {
    }

    public RawPayload(byte[] bytes, String origin) {
        this.bytes = bytes;
        this.origin = origin;
    }
}
