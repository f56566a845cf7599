package io.trailhawk.stateful;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateBytesTest {
    @Test
    void writesTheEncodingThatSavedStateAlreadyHolds() throws Exception {
        // The first encoding was Java's DataOutputStream: state in savepoints is in that layout.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeByte(7);
        out.writeLong(-3L);
        out.writeInt(42);
        out.writeBoolean(true);
        byte[] text = "régions".getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
        out.writeBoolean(false);
        out.writeInt(-1);
        out.flush();

        byte[] ours = new StateBytes.Writer(7).putLong(-3L).putInt(42).putString("régions").putString(null)
                .putBytes(null).toBytes();
        assertArrayEquals(b.toByteArray(), ours);

        StateBytes.Reader r = new StateBytes.Reader(ours, 7);
        assertEquals(-3L, r.getLong());
        assertEquals(42, r.getInt());
        assertEquals("régions", r.getString());
        assertNull(r.getString());
        assertNull(r.getBytes());
    }

    @Test
    void listsAndLongsRoundTrip() {
        byte[] b = new StateBytes.Writer(3).putStrings(List.of("a", "", "c")).putLongs(new long[] {1, 2, 3, 4}, 3)
                .toBytes();
        StateBytes.Reader r = new StateBytes.Reader(b, 3);
        assertEquals(List.of("a", "", "c"), r.getStrings());
        assertArrayEquals(new long[] {1, 2, 3}, r.getLongs());
    }

    @Test
    void stateOfAnotherFormatIsRefused() {
        byte[] b = new StateBytes.Writer(2).putLong(1).toBytes();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new StateBytes.Reader(b, 3));
        assertEquals("state format 2 where 3 was expected", e.getMessage());
    }

    @Test
    void truncatedOrCorruptStateIsAnErrorNotAHugeAllocation() {
        byte[] b = new StateBytes.Writer(1).putInt(Integer.MAX_VALUE).toBytes();
        assertThrows(IllegalStateException.class, () -> new StateBytes.Reader(b, 1).getLongs());
        assertThrows(IllegalStateException.class, () -> new StateBytes.Reader(b, 1).getStrings());
        assertThrows(IllegalStateException.class, () -> new StateBytes.Reader(b, 1).getLong());
    }
}
