package dev.minitls.domain.port;

import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;

/**
 * Turns messages into frames and back. The domain encodes a message, hashes the exact frame into the transcript
 * and sends that frame; it hashes every received frame as received. The codec therefore never reformats: it
 * decodes the bytes it is given and encodes deterministically.
 */
public interface MessageCodec {

    /** The exact frame for {@code message}, newline included. */
    byte[] encode(Message message);

    /**
     * Decodes a frame. Protocol v1 has no type field, so the codec is told which message is expected at this point
     * of the sequence; a frame that is not a well-formed message of that type is a
     * {@link dev.minitls.domain.error.ProtocolException} with {@code MALFORMED_MESSAGE}.
     */
    Message decode(byte[] frame, MessageType expected);
}
