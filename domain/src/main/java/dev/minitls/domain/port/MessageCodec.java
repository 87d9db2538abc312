package dev.minitls.domain.port;

import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;

/**
 * Turns messages into frames and back. The domain encodes a message, hashes the exact frame into the transcript
 * and sends that frame; it hashes every received frame as received. The codec therefore never reformats: it
 * decodes the bytes it is given and encodes deterministically. {@code MessageCodecContract}, in the domain's
 * test-jar, checks every codec against this description.
 */
public interface MessageCodec {

    /**
     * The exact frame for {@code message}, its framing included (a JSON line's newline).
     *
     * @throws IllegalArgumentException for a message its protocol version does not have (an alert in v1)
     */
    byte[] encode(Message message);

    /**
     * Decodes a frame; one that is not a well-formed message is a
     * {@link dev.minitls.domain.error.ProtocolException} with {@code MALFORMED_MESSAGE} and a one-line reason, and
     * no bytes whatever make it throw anything else. Protocol v1 has no type field, so its codec reads the frame as
     * the {@code expected} type. A codec whose frames name their type (v2) may return a message of any type: the
     * domain, not the codec, refuses one that comes out of order.
     */
    Message decode(byte[] frame, MessageType expected);
}
