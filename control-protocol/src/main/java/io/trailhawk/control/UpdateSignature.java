package io.trailhawk.control;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The control topic's {@code trailhawk-signature} header: lowercase hex HMAC-SHA256, keyed by the shared secret,
 * of the record value; for a delete (null value), of the record key, so that a captured signature cannot delete
 * other files.
 */
public final class UpdateSignature {
    public static final String HEADER = "trailhawk-signature";

    private UpdateSignature() {
    }

    public static String sign(String secret, String key, byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(value != null ? value : key.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of a header value with the expected signature. */
    public static boolean verify(String secret, String key, byte[] value, byte[] header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(secret, key, value).getBytes(StandardCharsets.US_ASCII);
        String given = new String(header, StandardCharsets.US_ASCII).trim().toLowerCase(java.util.Locale.ROOT);
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII));
    }
}
