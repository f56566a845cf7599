package io.trailhawk.job.detect;

import java.io.Serializable;

/** A stateful rule's match on its way to {@link StatefulDetector}: its state's key, and the match as bytes. */
public final class StatefulMatch implements Serializable {
    private static final long serialVersionUID = 1L;

    public String key;
    public byte[] match;

    public StatefulMatch() {
    }

    public StatefulMatch(String key, byte[] match) {
        this.key = key;
        this.match = match;
    }
}
