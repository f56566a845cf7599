package io.trailhawk.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key {@code push} signs control records with: a secret shared with the job (HMAC-SHA256), or an ECDSA P-256
 * private key whose public half the job trusts ({@link TrustedKeys}). Signatures are lowercase hex.
 */
public final class SigningKey {
    static final String HMAC = "HmacSHA256";
    static final String ECDSA = "SHA256withECDSA";
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";
    /** Text before the PEM block, which PEM readers skip: it names the key's id. */
    private static final String KEY_ID_LINE = "trailhawk-key-id:";

    private final String id;
    private final byte[] secret;
    private final PrivateKey privateKey;

    private SigningKey(String id, byte[] secret, PrivateKey privateKey) {
        this.id = id;
        this.secret = secret;
        this.privateKey = privateKey;
    }

    public static SigningKey hmac(String id, String secret) {
        return new SigningKey(id, secret.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * An ECDSA P-256 key from a PKCS#8 PEM file, as {@link #generate} writes it; {@code id} null takes the key id
     * from the file's {@code trailhawk-key-id:} line.
     */
    public static SigningKey ecdsa(String id, Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf(PEM_BEGIN);
        if (id == null) {
            int at = text.indexOf(KEY_ID_LINE);
            if (at < 0 || begin >= 0 && at > begin) {
                throw new IOException(pem + ": no " + KEY_ID_LINE + " line: give the key id");
            }
            int eol = text.indexOf('\n', at);
            id = text.substring(at + KEY_ID_LINE.length(), eol < 0 ? text.length() : eol).trim();
        }
        int end = text.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new IOException(pem + ": not a PKCS#8 PEM private key (" + PEM_BEGIN + ")");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
            return new SigningKey(id, null,
                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(pem + ": not an EC private key: " + e.getMessage(), e);
        }
    }

    /** A new P-256 key pair: the private key as PKCS#8 PEM, the public key as a {@link TrustedKeys} entry. */
    public static GeneratedKey generate(String id) {
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("key id '" + id + "': use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = g.generateKeyPair();
            String pem = KEY_ID_LINE + " " + id + "\n" + PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n" + PEM_END + "\n";
            String entry = id + ":" + TrustedKeys.ECDSA_P256 + ":"
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            return new GeneratedKey(pem, entry);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 unavailable", e);
        }
    }

    /** A generated key pair: {@code privatePem} for {@code push}, {@code trustedEntry} for the job. */
    public static final class GeneratedKey {
        public final String privatePem;
        public final String trustedEntry;

        GeneratedKey(String privatePem, String trustedEntry) {
            this.privatePem = privatePem;
            this.trustedEntry = trustedEntry;
        }
    }

    public String id() {
        return id;
    }

    public String sign(ControlRecord record) {
        byte[] signed = record.signedBytes();
        try {
            if (secret != null) {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(new SecretKeySpec(secret, HMAC));
                return hex(mac.doFinal(signed));
            }
            Signature s = Signature.getInstance(ECDSA);
            s.initSign(privateKey);
            s.update(signed);
            return hex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with key " + id + ": " + e.getMessage(), e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
