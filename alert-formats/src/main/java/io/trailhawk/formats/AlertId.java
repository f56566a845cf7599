package io.trailhawk.formats;

import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.StatefulContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An alert's stable identity: the same rule on the same event gives the same id in every format, on every
 * redelivery and replay, so that a SIEM can drop duplicates. 32 hex digits, the first 128 bits of the SHA-256 of
 * the rule's name and the event's id, and for a stateful alert its kind and window start, so that a rule's
 * summary and its first alert differ.
 */
public final class AlertId {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(AlertId::sha256);

    private AlertId() {
    }

    public static String of(Alert a) {
        MessageDigest d = SHA256.get();
        d.reset();
        d.update(a.rule().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        if (a.eventId() != null) {
            d.update(a.eventId().getBytes(StandardCharsets.UTF_8));
        } else {
            // No event id: the event's time and what the rule said of it stand in, so that such alerts stay apart.
            d.update((byte) 1);
            d.update(Long.toString(a.timeNanos()).getBytes(StandardCharsets.US_ASCII));
            d.update((byte) 0);
            d.update(a.output().getBytes(StandardCharsets.UTF_8));
        }
        StatefulContext s = a.stateful().orElse(null);
        if (s != null) {
            d.update((byte) 0);
            d.update(s.kind().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(Long.toString(s.windowStartNanos()).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] digest = d.digest();
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
