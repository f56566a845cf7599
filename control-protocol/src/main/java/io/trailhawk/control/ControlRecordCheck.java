package io.trailhawk.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a control record must be before anything reads it as a rule file: a key that is a plain file name, and a
 * value within the size limit that is valid UTF-8. The job refuses a record that is not, with the reason, and
 * {@code push} refuses to send one.
 */
public final class ControlRecordCheck {
    /** The longest file name most file systems allow, in bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private ControlRecordCheck() {
    }

    /**
     * Null when {@code key} names a rule file, or a document of another {@link DocumentKind} by its prefix;
     * otherwise why not.
     */
    public static String keyProblem(byte[] key) {
        if (key == null || key.length == 0) {
            return "control record has no key: the key must be the rule file name";
        }
        if (key.length > MAX_NAME_BYTES) {
            return "control record key is " + key.length + " bytes: a rule file name has at most " + MAX_NAME_BYTES;
        }
        String name;
        try {
            name = strictUtf8(key);
        } catch (CharacterCodingException e) {
            return "control record key is not UTF-8: the key must be the rule file name";
        }
        DocumentKind kind = DocumentKind.ofKey(name);
        if (kind != DocumentKind.RULES) {
            return documentKeyProblem(kind, name);
        }
        return fileNameProblem(name);
    }

    private static String documentKeyProblem(DocumentKind kind, String key) {
        String name = kind.nameOf(key);
        if (name.isEmpty()) {
            return "control record key '" + printable(key) + "' names no " + kind.header() + " after its prefix";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "control record key '" + printable(key) + "' holds control characters";
            }
        }
        if (kind == DocumentKind.SELECTION || kind == DocumentKind.ACCOUNTS) {
            String bad = fileNameProblem(name);
            return bad == null ? null : "a " + kind.header() + " document is named like a rule file: " + bad;
        }
        if (kind == DocumentKind.ROLLBACK && !name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "control record key '" + printable(key) + "' is not rollback/VERSION, a ruleset version number";
        }
        return null;
    }

    private static String fileNameProblem(String name) {
        if (name.equals(".") || name.equals("..") || name.startsWith(".")) {
            return "control record key '" + printable(name) + "' is not a rule file name: it must not start with '.'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c) && c != ' ') {
                return "control record key '" + printable(name) + "' is not a rule file name: no path separators "
                        + "or control characters";
            }
        }
        return null;
    }

    /** Null when {@code value} may be read as a rule file of at most {@code maxBytes}; otherwise why not. */
    public static String valueProblem(byte[] value, int maxBytes) {
        if (value == null) {
            return null;
        }
        if (value.length > maxBytes) {
            return "control record value is " + value.length + " bytes: a rule file may have at most " + maxBytes;
        }
        CharsetDecoder d = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(Math.min(value.length, 8192));
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                return "control record value is not UTF-8: invalid byte at offset " + in.position();
            }
            if (r.isUnderflow()) {
                return null;
            }
            out.clear();
        }
    }

    /** The value as text; call only once {@link #valueProblem} found none. */
    public static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static String strictUtf8(byte[] b) throws CharacterCodingException {
        return strictDecoder().decode(ByteBuffer.wrap(b)).toString();
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
