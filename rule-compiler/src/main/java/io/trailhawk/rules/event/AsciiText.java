package io.trailhawk.rules.event;

/** ASCII bytes of a record seen as characters, without copying them: for reading short values in place. */
final class AsciiText implements CharSequence {
    private final byte[] bytes;
    private final int start;
    private final int length;

    AsciiText(byte[] bytes, int start, int length) {
        this.bytes = bytes;
        this.start = start;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    /** The byte as a character; a byte outside ASCII reads as a character no check accepts. */
    @Override
    public char charAt(int index) {
        byte b = bytes[start + index];
        return b < 0 ? '\uFFFD' : (char) b;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return new AsciiText(bytes, start + from, to - from);
    }

    @Override
    public String toString() {
        return new String(bytes, start, length, java.nio.charset.StandardCharsets.UTF_8);
    }
}
