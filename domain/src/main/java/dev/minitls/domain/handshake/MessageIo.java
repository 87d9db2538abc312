package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.MessageCodec;

/**
 * Sends and receives whole messages, handing back the exact frames so the caller decides when each one enters the
 * transcript. A message of another kind than the one expected is caught here, once, for every state.
 */
final class MessageIo {

    private final FrameChannel channel;
    private final MessageCodec codec;

    MessageIo(FrameChannel channel, MessageCodec codec) {
        this.channel = channel;
        this.codec = codec;
    }

    /** Encodes and sends a message; returns the exact frame that went on the wire. */
    byte[] send(Message message) {
        byte[] frame = codec.encode(message);
        channel.send(frame);
        return frame;
    }

    /** Receives the next message, which must be of {@code type}. */
    <T extends Message> Received<T> receive(MessageType expected, Class<T> type) {
        byte[] frame = channel.receive();
        Message message = codec.decode(frame, expected);
        if (!type.isInstance(message)) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                    "expected " + expected.wireName() + ", got " + message.type().wireName());
        }
        return new Received<>(type.cast(message), frame);
    }

    FrameChannel channel() {
        return channel;
    }

    /** A received message and the exact frame it came in. */
    record Received<T extends Message>(T message, byte[] frame) {
    }
}
