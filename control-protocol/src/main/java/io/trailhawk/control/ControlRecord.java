package io.trailhawk.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One control-topic record as the protocol defines it: what it is (its kind), what it does (put or delete), to
 * which file, with which sequence number and which content. Headers carry all but the name (the key) and the
 * content (the value), and the signature covers all of them, so that a signed record cannot be replayed under
 * another name, as another action, or after a newer one.
 */
public final class ControlRecord {
    public static final String SIGNATURE_HEADER = "trailhawk-signature";
    public static final String KEY_ID_HEADER = "trailhawk-key-id";
    public static final String SEQUENCE_HEADER = "trailhawk-sequence";
    public static final String KIND_HEADER = "trailhawk-kind";
    public static final String ACTION_HEADER = "trailhawk-action";
    /** A record without the kind header is a rule file ({@link DocumentKind}). */
    public static final String RULES_KIND = DocumentKind.RULES.header();
    /** A record without a sequence header; refused wherever signatures are required. */
    public static final long NO_SEQUENCE = 0L;
    private static final byte[] SIGNED_FORM = "trailhawk-control/2\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * What a record does to its file: puts it live, puts it in shadow (rule files only), resets it to the bootstrap
     * file of its name (rule files only: the document is removed, and a bootstrap file of that name applies again),
     * or deletes it (a bootstrap file of that name too).
     */
    public enum Action {
        PUT, SHADOW, RESET, DELETE;

        /** Whether the record carries a document: a delete or a reset carries none. */
        public boolean carriesContent() {
            return this == PUT || this == SHADOW;
        }

        public String header() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The action a header names, or null when it names none. */
        public static Action ofHeader(String value) {
            for (Action a : values()) {
                if (a.header().equals(value)) {
                    return a;
                }
            }
            return null;
        }
    }

    private final String kind;
    private final Action action;
    private final String name;
    private final long sequence;
    private final byte[] content;

    /** {@code content} is the file's bytes for a put and ignored (empty) for a delete or a reset. */
    public ControlRecord(String kind, Action action, String name, long sequence, byte[] content) {
        this.kind = kind;
        this.action = action;
        this.name = name;
        this.sequence = sequence;
        this.content = !action.carriesContent() || content == null ? new byte[0] : content;
    }

    public String kind() {
        return kind;
    }

    public Action action() {
        return action;
    }

    public String name() {
        return name;
    }

    public long sequence() {
        return sequence;
    }

    /**
     * The bytes a signature covers: a fixed form line, then kind, action, name and sequence each on its own line,
     * then the content. A name cannot hold a line break ({@link ControlRecordCheck#keyProblem}), so no two records
     * share these bytes.
     */
    public byte[] signedBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(content.length + 128);
        b.writeBytes(SIGNED_FORM);
        b.writeBytes((kind + "\n" + action.header() + "\n" + name + "\n" + sequence + "\n")
                .getBytes(StandardCharsets.UTF_8));
        b.writeBytes(content);
        return b.toByteArray();
    }

    /**
     * The Kafka record for this one, signed when {@code key} is given. A delete is written as an empty value with
     * the delete action, never as a tombstone, so that compaction cannot drop it and bring a deleted file back.
     */
    public ProducerRecord<byte[], byte[]> toKafka(String topic, SigningKey key) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, name.getBytes(StandardCharsets.UTF_8), content);
        Headers h = r.headers();
        h.add(KIND_HEADER, ascii(kind));
        h.add(ACTION_HEADER, ascii(action.header()));
        h.add(SEQUENCE_HEADER, ascii(Long.toString(sequence)));
        if (key != null) {
            h.add(KEY_ID_HEADER, key.id().getBytes(StandardCharsets.UTF_8));
            h.add(SIGNATURE_HEADER, ascii(key.sign(this)));
        }
        return r;
    }

    /**
     * Reads a record whose key and value {@link ControlRecordCheck} has passed. Without headers, a null value
     * deletes and any other puts, as records written before these headers did.
     *
     * @return the record, or the reason its headers make no sense
     */
    public static Read fromKafka(String name, byte[] value, Headers headers) {
        String kindText = text(headers, KIND_HEADER);
        DocumentKind kind = kindText == null ? DocumentKind.RULES : DocumentKind.ofHeader(kindText);
        if (kind == null) {
            return Read.problem("unknown document kind '" + clip(kindText) + "' in " + KIND_HEADER + " (known: "
                    + DocumentKind.known() + ")");
        }
        if (DocumentKind.ofKey(name) != kind) {
            return Read.problem("the key '" + clip(name) + "' is not the key of a " + kind.header() + " document"
                    + (kind == DocumentKind.RULES ? "" : " (" + kind.key("NAME") + ")") + ", which "
                    + KIND_HEADER + " says this is");
        }
        String actionText = text(headers, ACTION_HEADER);
        Action action = actionText == null ? (value == null ? Action.DELETE : Action.PUT) : Action.ofHeader(actionText);
        if (action == null) {
            return Read.problem(ACTION_HEADER + " is '" + clip(actionText) + "': put, shadow, reset or delete");
        }
        if ((action == Action.SHADOW || action == Action.RESET) && kind != DocumentKind.RULES) {
            return Read.problem("only a rule file can be " + (action == Action.SHADOW ? "put in shadow" : "reset")
                    + ", not a " + kind.header() + " document");
        }
        if (action == Action.DELETE && kind == DocumentKind.ROLLBACK) {
            return Read.problem("a rollback is not deleted: roll back to another version instead");
        }
        if (action.carriesContent() && value == null) {
            return Read.problem("a put without a value: a delete says " + ACTION_HEADER + ": delete");
        }
        if (!action.carriesContent() && value != null && value.length > 0) {
            return Read.problem("a " + action.header() + " with a value of " + value.length + " bytes: a "
                    + action.header() + " carries none");
        }
        String seqText = text(headers, SEQUENCE_HEADER);
        long sequence = NO_SEQUENCE;
        if (seqText != null) {
            try {
                sequence = Long.parseLong(seqText);
            } catch (NumberFormatException e) {
                sequence = -1;
            }
            if (sequence <= 0) {
                return Read.problem(SEQUENCE_HEADER + " is '" + clip(seqText) + "': a positive decimal number");
            }
        }
        return new Read(new ControlRecord(kind.header(), action, name, sequence, value), text(headers, KEY_ID_HEADER),
                text(headers, SIGNATURE_HEADER), null);
    }

    /** What {@link #fromKafka} found: a record with its key id and signature (either may be null), or a problem. */
    public static final class Read {
        public final ControlRecord record;
        public final String keyId;
        public final String signature;
        public final String problem;

        Read(ControlRecord record, String keyId, String signature, String problem) {
            this.record = record;
            this.keyId = keyId;
            this.signature = signature;
            this.problem = problem;
        }

        static Read problem(String why) {
            return new Read(null, null, null, why);
        }

        /** Null when the record may be applied under {@code trusted}; otherwise why not. */
        public String authenticationProblem(TrustedKeys trusted) {
            if (!trusted.required()) {
                return null;
            }
            if (signature == null) {
                return "unsigned control record: a " + SIGNATURE_HEADER + " header is required";
            }
            if (record.sequence() == NO_SEQUENCE) {
                return "signed without a " + SEQUENCE_HEADER + " header (the form before sequences, which could be "
                        + "replayed): push the file again with this release's push";
            }
            return trusted.problem(record, keyId, signature);
        }
    }

    private static String text(Headers headers, String name) {
        Header h = headers == null ? null : headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8).trim();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
