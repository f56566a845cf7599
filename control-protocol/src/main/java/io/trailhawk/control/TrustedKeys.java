package io.trailhawk.control;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys whose signatures the job accepts on the control topic, by key id, so that keys can be rotated: add the
 * new key, move {@code push} to it, then drop the old one. Each entry is {@code ID:ALGORITHM:MATERIAL}:
 * {@code ID:hmac-sha256:SECRET} (a shared secret, which the job must then hold) or
 * {@code ID:ecdsa-p256:BASE64} (an X.509 SubjectPublicKeyInfo, as {@code trailhawk keygen} prints it, so that the
 * job holds only public keys).
 */
public final class TrustedKeys implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String HMAC_SHA256 = "hmac-sha256";
    public static final String ECDSA_P256 = "ecdsa-p256";
    /** The id of the one secret {@code rules.signing-key} gives, and of a record without a key-id header. */
    public static final String DEFAULT_ID = "default";

    /** Entry specifications by id; the verifiers are rebuilt from them where the job runs. */
    private final Map<String, String> entries;
    private transient Map<String, Object> keys;

    private TrustedKeys(Map<String, String> entries) {
        this.entries = entries;
    }

    public static TrustedKeys none() {
        return new TrustedKeys(new LinkedHashMap<>());
    }

    /**
     * Parses comma-separated entries; {@code sharedSecret}, when not null, is added under {@link #DEFAULT_ID}.
     *
     * @throws IllegalArgumentException naming the entry that is malformed
     */
    public static TrustedKeys parse(String list, String sharedSecret) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (sharedSecret != null) {
            if (sharedSecret.isBlank()) {
                throw new IllegalArgumentException("the shared signing secret is empty");
            }
            entries.put(DEFAULT_ID, HMAC_SHA256 + ":" + sharedSecret);
        }
        if (list != null) {
            for (String raw : list.split(",")) {
                String entry = raw.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                String[] parts = entry.split(":", 3);
                if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
                    throw new IllegalArgumentException("entry '" + describe(entry) + "' is not ID:ALGORITHM:KEY");
                }
                if (entries.put(parts[0], parts[1].toLowerCase(Locale.ROOT) + ":" + parts[2]) != null) {
                    throw new IllegalArgumentException("key id '" + parts[0] + "' is given twice");
                }
            }
        }
        TrustedKeys k = new TrustedKeys(entries);
        k.keys();
        return k;
    }

    public boolean required() {
        return !entries.isEmpty();
    }

    public List<String> ids() {
        return new ArrayList<>(entries.keySet());
    }

    /** Null when {@code signatureHex} is a valid signature of {@code record} by key {@code keyId}; else why not. */
    public String problem(ControlRecord record, String keyId, String signatureHex) {
        String id = keyId == null ? DEFAULT_ID : keyId;
        Object key = keys().get(id);
        if (key == null) {
            return "signed with key '" + describe(id) + "', which is not trusted (trusted: " + String.join(", ", ids())
                    + ")";
        }
        byte[] given = signatureHex.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        try {
            if (key instanceof byte[]) {
                Mac mac = Mac.getInstance(SigningKey.HMAC);
                mac.init(new SecretKeySpec((byte[]) key, SigningKey.HMAC));
                byte[] expected = SigningKey.hex(mac.doFinal(record.signedBytes()))
                        .getBytes(StandardCharsets.US_ASCII);
                return MessageDigest.isEqual(expected, given) ? null : "invalid signature for key '" + id + "'";
            }
            Signature s = Signature.getInstance(SigningKey.ECDSA);
            s.initVerify((PublicKey) key);
            s.update(record.signedBytes());
            byte[] sig = unhex(given);
            return sig != null && s.verify(sig) ? null : "invalid signature for key '" + id + "'";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Bytes that are not a DER signature: as invalid as a wrong one.
            return "invalid signature for key '" + id + "'";
        }
    }

    private Map<String, Object> keys() {
        if (keys == null) {
            Map<String, Object> k = new LinkedHashMap<>();
            entries.forEach((id, spec) -> k.put(id, key(id, spec)));
            keys = k;
        }
        return keys;
    }

    private static Object key(String id, String spec) {
        int colon = spec.indexOf(':');
        String algorithm = spec.substring(0, colon);
        String material = spec.substring(colon + 1);
        if (algorithm.equals(HMAC_SHA256)) {
            if (material.isBlank()) {
                throw new IllegalArgumentException("key '" + id + "' has an empty secret");
            }
            return material.getBytes(StandardCharsets.UTF_8);
        }
        if (!algorithm.equals(ECDSA_P256)) {
            throw new IllegalArgumentException("key '" + id + "': unknown algorithm '" + describe(algorithm)
                    + "' (" + HMAC_SHA256 + " or " + ECDSA_P256 + ")");
        }
        PublicKey k;
        try {
            k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(material)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("key '" + id + "' is not a base64 X.509 EC public key", e);
        }
        if (!(k instanceof ECPublicKey) || !isP256(((ECPublicKey) k).getParams())) {
            throw new IllegalArgumentException("key '" + id + "' is not a P-256 public key");
        }
        return k;
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = p.getParameterSpec(ECParameterSpec.class);
            return p256.getCurve().equals(params.getCurve()) && p256.getOrder().equals(params.getOrder())
                    && p256.getGenerator().equals(params.getGenerator());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }

    private static byte[] unhex(byte[] hex) {
        if (hex.length % 2 != 0) {
            return null;
        }
        byte[] out = new byte[hex.length / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex[2 * i], 16);
            int lo = Character.digit(hex[2 * i + 1], 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Enough of an entry to find it, never a secret. */
    private static String describe(String s) {
        String id = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        return id.length() > 40 ? id.substring(0, 40) + "..." : id;
    }
}
