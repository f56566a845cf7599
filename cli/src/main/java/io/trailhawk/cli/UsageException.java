package io.trailhawk.cli;

/** A command line that does not follow a command's usage. Exit status 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
