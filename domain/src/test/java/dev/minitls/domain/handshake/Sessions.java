package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.FORMATS;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.testing.TestCertificates;

/**
 * Secure channels built straight from record keys, without a handshake: for tests of what comes after it, such as
 * the record limits. The client writes under {@link #CLIENT_TO_SERVER}, the server under {@link #SERVER_TO_CLIENT}.
 */
final class Sessions {

    static final TrafficKeys CLIENT_TO_SERVER = keys(0x0c);
    static final TrafficKeys SERVER_TO_CLIENT = keys(0x05);

    private Sessions() {
    }

    /** {@code side}'s channel on {@code connection}, its records sealed and opened under the test keys. */
    static SecureChannel channel(FrameChannel connection, VersionPolicy policy, Side side) {
        return channel(io(connection, policy, side), side, HandshakeObserver.NONE);
    }

    /** {@code side}'s channel on {@code connection}, its records sealed by {@code sealer}, opened by {@code opener}. */
    static SecureChannel channel(FrameChannel connection, VersionPolicy policy, Side side, RecordSealer sealer,
            RecordOpener opener) {
        return channel(io(connection, policy, side, sealer, opener), side, HandshakeObserver.NONE);
    }

    /** A channel on {@code io}, as a handshake would make it, its session told to {@code observer}. */
    static SecureChannel channel(MessageIo io, Side side, HandshakeObserver observer) {
        return new SecureChannel(io, side, observer, finishedProof());
    }

    /** {@code side}'s messages on {@code connection}, in records under the test keys: to reach below a channel. */
    static MessageIo io(FrameChannel connection, VersionPolicy policy, Side side) {
        TrafficKeys write = side == Side.CLIENT ? CLIENT_TO_SERVER : SERVER_TO_CLIENT;
        TrafficKeys read = side == Side.CLIENT ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
        return io(connection, policy, side, new RecordSealer(CRYPTO, write, policy.recordFormat()),
                new RecordOpener(CRYPTO, read, policy.recordFormat()));
    }

    private static MessageIo io(FrameChannel connection, VersionPolicy policy, Side side, RecordSealer sealer,
            RecordOpener opener) {
        MessageIo io = new MessageIo(connection, CRYPTO, FORMATS, policy, side);
        io.protect(sealer, opener);
        return io;
    }

    /** A proof that a Finished was checked, from fixed values: the channel only needs one to exist. */
    private static FinishedVerified finishedProof() {
        byte[] key = TestCertificates.filled(0x0f);
        byte[] hash = new byte[32];
        return FinishedVerified.check(CRYPTO, Secret.of(key), hash, CRYPTO.hmac(HashAlgorithm.SHA256, key, hash),
                "peer");
    }

    private static TrafficKeys keys(int fill) {
        return new TrafficKeys(Secret.of(TestCertificates.filled(fill)), Secret.of(new byte[12]));
    }
}
