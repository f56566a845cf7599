package io.trailhawk.job.detect;

import java.io.Serializable;

/**
 * A stateful rule's match on its way to {@link StatefulDetector}: its state's key ({@link
 * io.trailhawk.stateful.GroupKey#toBytes()}) and the match ({@link io.trailhawk.stateful.MatchBytes}), as bytes,
 * which Flink writes in one piece.
 */
public final class StatefulMatch implements Serializable {
    private static final long serialVersionUID = 2L;

    public byte[] key;
    public byte[] match;

    public StatefulMatch() {
    }

    public StatefulMatch(byte[] key, byte[] match) {
        this.key = key;
        this.match = match;
    }
}
