package io.trailhawk.rules.event;

/** JSON's four blanks (space, tab, line feed, carriage return), skipped the same way by every byte-level reader. */
final class JsonBlanks {
    private JsonBlanks() {
    }

    /** The first position at or after {@code i} that is not a blank, or {@code b.length}. */
    static int skip(byte[] b, int i) {
        while (i < b.length) {
            byte x = b[i];
            if (x > ' ' || x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
