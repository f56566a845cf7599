package io.trailhawk.cli;

import io.trailhawk.control.SigningKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code trailhawk keygen}: makes an ECDSA P-256 key pair for signing control records. The private key goes to a
 * file only its owner can read, for {@code push --private-key}; the public key is printed as the
 * {@code rules.trusted-keys} entry the job needs, so that the job never holds a key that can sign.
 */
final class KeygenCommand {
    static final String USAGE = "trailhawk keygen --out FILE [--key-id ID]";

    private KeygenCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("out", "key-id"), Set.of());
        String file = args.last("out", null);
        if (file == null) {
            throw new UsageException("keygen needs --out FILE for the private key");
        }
        SigningKey.GeneratedKey key;
        try {
            key = SigningKey.generate(args.last("key-id", "default"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path path = Path.of(file);
        try {
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(path);
            }
            Files.writeString(path, key.privatePem, StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            err.println("trailhawk keygen: " + file + " exists; it is not overwritten");
            return 1;
        } catch (IOException e) {
            err.println("trailhawk keygen: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
        err.println("private key written to " + file + " (for push --private-key); the job's setting:");
        out.println("rules.trusted-keys=" + key.trustedEntry);
        return 0;
    }
}
