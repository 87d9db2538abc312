package dev.minitls.domain.handshake;

import static dev.minitls.testing.TestCertificates.filled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.V1KeySchedule;
import dev.minitls.domain.keys.V1Keys;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Endpoint;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestCodec;
import dev.minitls.testing.TestPeers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Whole protocol v1 handshakes over {@link FakeTransport} with the test doubles, for the tests of this package:
 * pinned randomness (so that a test can compute the keys itself), the frame positions by name, sample messages of
 * each kind, and assertions on how each side ended.
 */
final class Handshakes {

    static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();
    /** The codec of protocol v1, which these tests speak. */
    static final TestCodec CODEC = TestCodec.V1;
    /** Both protocols' codecs, as the handshakes take them. */
    static final WireFormats FORMATS = TestCodec.formats();
    static final TestCertificates.Pki PKI = TestCertificates.pki();

    /** Marks a side that is expected to connect, in tables of expected results. */
    static final Failure CONNECTED = null;

    // Frame positions from client to server, from 0.
    static final int CLIENT_HELLO = 0;
    static final int CLIENT_FINISHED = 1;
    static final int FIRST_CLIENT_RECORD = 2;
    // Frame positions from server to client, from 0.
    static final int SERVER_HELLO = 0;
    static final int CERTIFICATE = 1;
    static final int CERTIFICATE_VERIFY = 2;
    static final int SERVER_FINISHED = 3;
    static final int FIRST_SERVER_RECORD = 4;

    static final byte[] CLIENT_RANDOM = filled(0xc1);
    static final byte[] CLIENT_PRIVATE_KEY = filled(0xc2);
    static final byte[] SERVER_RANDOM = filled(0x51);
    static final byte[] SERVER_PRIVATE_KEY = filled(0x52);

    private Handshakes() {
    }

    static ClientConfig clientConfig() {
        return clientConfig(CRYPTO, PKI.root(), TestCertificates.SERVER_NAME, HandshakeObserver.NONE);
    }

    static ClientConfig clientConfig(CryptoProvider crypto, Certificate trustedRoot, String serverName,
            HandshakeObserver observer) {
        return clientConfig(ProtocolVersion.V1, crypto, trustedRoot, serverName, observer);
    }

    /** A client of {@code protocol} with the pinned randomness. */
    static ClientConfig clientConfig(ProtocolVersion protocol, Certificate trustedRoot, HandshakeObserver observer) {
        return clientConfig(protocol, CRYPTO, trustedRoot, TestCertificates.SERVER_NAME, observer);
    }

    /** A client of {@code protocol} with the pinned randomness. */
    static ClientConfig clientConfig(ProtocolVersion protocol, CryptoProvider crypto,
            Certificate trustedRoot, String serverName, HandshakeObserver observer) {
        return new ClientConfig(crypto, new FixedRandom(CLIENT_RANDOM, CLIENT_PRIVATE_KEY),
                Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC), trustedRoot, serverName, protocol, observer);
    }

    static ServerConfig serverConfig() {
        return serverConfig(PKI.serverPem(), HandshakeObserver.NONE);
    }

    static ServerConfig serverConfig(byte[] certificatePem, HandshakeObserver observer) {
        return serverConfig(certificatePem, CRYPTO.ed25519SigningKey(PKI.serverKey()), observer);
    }

    static ServerConfig serverConfig(byte[] certificatePem, SigningKey signingKey, HandshakeObserver observer) {
        return new ServerConfig(CRYPTO, new FixedRandom(SERVER_RANDOM, SERVER_PRIVATE_KEY), certificatePem,
                signingKey, observer);
    }

    /** A handshake between the default client and server, frames altered in flight. */
    static Run run(Fault clientToServer, Fault serverToClient) {
        return run(clientConfig(), serverConfig(), clientToServer, serverToClient);
    }

    static Run run(ClientConfig client, ServerConfig server) {
        return run(client, server, Fault.NONE, Fault.NONE);
    }

    static Run run(ClientConfig client, ServerConfig server, Fault clientToServer, Fault serverToClient) {
        FakeTransport transport = FakeTransport.withFaults(clientToServer, serverToClient);
        return new Run(transport, TestPeers.handshake(transport, FORMATS, client, server));
    }

    /** {@code text} as UTF-8 bytes: a message. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The X25519 secret both sides agree on with the pinned private keys. */
    static byte[] sharedSecret() {
        return CRYPTO.x25519(CLIENT_PRIVATE_KEY, CRYPTO.x25519PublicKey(SERVER_PRIVATE_KEY));
    }

    /** The keys both sides derive with the pinned private keys. */
    static V1Keys expectedKeys() {
        return V1KeySchedule.derive(CRYPTO, sharedSecret());
    }

    static byte[] frame(Message message) {
        return CODEC.encode(message);
    }

    /** A well-formed message of each kind, for sending where another is expected. */
    static Message sample(MessageType type) {
        return switch (type) {
            case CLIENT_HELLO -> new ClientHello(filled(1), 1, filled(2), "X25519", TestCertificates.SERVER_NAME);
            case SERVER_HELLO -> new ServerHello(filled(3), 1, filled(4), "X25519");
            case CERTIFICATE -> new CertificateMessage(PKI.serverPem());
            case CERTIFICATE_VERIFY -> new CertificateVerify(new byte[64]);
            case FINISHED -> new Finished(new byte[32]);
            case APPLICATION_RECORD -> new ApplicationRecord(0, new byte[32]);
            case ALERT -> new AlertMessage(Alert.HANDSHAKE_FAILURE);
        };
    }

    /** Replaces the ClientHello in flight by what {@code change} makes of it. */
    static Fault rewriteClientHello(UnaryOperator<ClientHello> change) {
        return Fault.alter(CLIENT_HELLO, frame -> frame(change.apply(
                (ClientHello) CODEC.decode(frame, MessageType.CLIENT_HELLO))));
    }

    /** Replaces the ServerHello in flight by what {@code change} makes of it. */
    static Fault rewriteServerHello(UnaryOperator<ServerHello> change) {
        return Fault.alter(SERVER_HELLO, frame -> frame(change.apply(
                (ServerHello) CODEC.decode(frame, MessageType.SERVER_HELLO))));
    }

    /** Replaces frame {@code n}, an application record, by what {@code change} makes of it. */
    static Fault rewriteRecord(int n, UnaryOperator<ApplicationRecord> change) {
        return Fault.alter(n, frame -> frame(change.apply(
                (ApplicationRecord) CODEC.decode(frame, MessageType.APPLICATION_RECORD))));
    }

    /** SHA-256 of the frames, concatenated: the transcript hash, computed without the code under test. */
    static byte[] sha256(List<byte[]> frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(all::writeBytes);
        try {
            return MessageDigest.getInstance("SHA-256").digest(all.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] flipBit(byte[] bytes, int position) {
        byte[] flipped = bytes.clone();
        flipped[position] ^= 1;
        return flipped;
    }

    /**
     * Records every frame as it is sent, whatever a fault then does with it. A v1 handshake strictly alternates
     * (ClientHello; ServerHello to server Finished; client Finished), so the order is the transcript's.
     */
    static final class Wire {

        private final List<byte[]> frames = new CopyOnWriteArrayList<>();

        /** {@code fault}, after recording the frame. */
        Fault watching(Fault fault) {
            return (index, frame) -> {
                frames.add(frame.clone());
                return fault.apply(index, frame);
            };
        }

        /** SHA-256 over the first {@code count} frames sent. */
        byte[] transcriptHash(int count) {
            return sha256(frames.subList(0, count));
        }
    }

    /** The transport of one handshake and both sides' outcomes. */
    record Run(FakeTransport transport, TestPeers.Both both) {

        /** Asserts that the client failed with {@code failure} and closed its connection. */
        ProtocolException clientFailed(Failure failure) {
            return failed("client", both.client(), transport.client(), failure);
        }

        /** Asserts that the server failed with {@code failure} and closed its connection. */
        ProtocolException serverFailed(Failure failure) {
            return failed("server", both.server(), transport.server(), failure);
        }

        SecureChannel clientConnected() {
            return connected("client", both.client());
        }

        SecureChannel serverConnected() {
            return connected("server", both.server());
        }

        /** Asserts the client's result: connected when {@code expected} is {@link #CONNECTED}, else that failure. */
        void assertClient(Failure expected) {
            if (expected == CONNECTED) {
                clientConnected();
            } else {
                clientFailed(expected);
            }
        }

        void assertServer(Failure expected) {
            if (expected == CONNECTED) {
                serverConnected();
            } else {
                serverFailed(expected);
            }
        }

        List<byte[]> sentByClient() {
            return transport.client().sentFrames();
        }

        List<byte[]> sentByServer() {
            return transport.server().sentFrames();
        }

        private static ProtocolException failed(String side, TestPeers.Outcome outcome, Endpoint endpoint,
                Failure failure) {
            assertThat(outcome.failure()).as("the %s's failure", side).isInstanceOf(ProtocolException.class);
            ProtocolException e = (ProtocolException) outcome.failure();
            assertThat(e.failure()).as("the %s's failure (%s)", side, e.getMessage()).isEqualTo(failure);
            assertThat(endpoint.isClosed()).as("the %s closed its connection", side).isTrue();
            return e;
        }

        private static SecureChannel connected(String side, TestPeers.Outcome outcome) {
            assertThat(outcome.failure()).as("the %s's failure", side).isNull();
            return outcome.channel();
        }
    }
}
