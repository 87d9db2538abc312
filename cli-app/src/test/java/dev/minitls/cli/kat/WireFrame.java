package dev.minitls.cli.kat;

import dev.minitls.domain.trace.Side;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * One frame on the wire and who sent it. Frames of both protocols are ASCII (non-ASCII is escaped), so a frame is
 * also its text, byte for byte.
 *
 * @param from the sender
 * @param line the exact frame, newline included
 */
record WireFrame(Side from, byte[] line) {

    WireFrame {
        line = line.clone();
    }

    @Override
    public byte[] line() {
        return line.clone();
    }

    /** The frame as text; a frame with a byte outside ASCII is refused rather than decoded approximately. */
    String text() {
        try {
            return StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a frame from the " + from.label() + " is not ASCII");
        }
    }
}
