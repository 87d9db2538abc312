package dev.minitls.transport.tls13;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Writes the presentation language of RFC 8446 section 3. A value that does not fit its field (a vector longer
 * than its length prefix can say) is a programming error: {@link IllegalArgumentException}, never a silent cut.
 */
final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireWriter u8(int value) {
        return uint(value, 1);
    }

    WireWriter u16(int value) {
        return uint(value, 2);
    }

    WireWriter u32(long value) {
        return uint(value, 4);
    }

    WireWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /** A vector: its length in {@code lengthBytes} bytes, then its contents. */
    WireWriter opaque(int lengthBytes, byte[] contents) {
        uint(contents.length, lengthBytes);
        return bytes(contents);
    }

    /** A vector whose contents {@code body} writes. */
    WireWriter vector(int lengthBytes, Consumer<WireWriter> body) {
        WireWriter contents = new WireWriter();
        body.accept(contents);
        return opaque(lengthBytes, contents.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Refuses a {@code value} that does not fit an unsigned field of {@code size} bytes: a programming error. */
    static void requireFits(long value, int size) {
        if (value < 0 || value >= 1L << (8 * size)) {
            throw new IllegalArgumentException(value + " does not fit " + size + " bytes");
        }
    }

    private WireWriter uint(long value, int size) {
        requireFits(value, size);
        for (int shift = 8 * (size - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
        return this;
    }
}
