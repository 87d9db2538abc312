package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.Tls13KeySchedule;
import dev.minitls.domain.keys.Tls13KeySchedule.HandshakeSecret;
import dev.minitls.domain.keys.Tls13KeySchedule.TrafficSecret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Protocol v2 handshakes over {@link dev.minitls.testing.FakeTransport} with the test doubles, and what the v2
 * tests need to look inside them. A {@link Wire} derives from the frames on the wire the keys a peer would, with the
 * key schedule (checked on its own against RFC 8448), so that a test can open records, reseal them in flight and
 * read the alert a side sent. Nonces and associated data are computed here from docs/PROTOCOL.md, not by the record
 * layer under test. The frame positions are those of v1 ({@link Handshakes}): v2 sends the same messages, each
 * after the hellos in a record of its own.
 */
final class V2Handshakes {

    static final TestCodec CODEC = TestCodec.V2;
    static final String SUITE = "X25519_AES256GCM_SHA256";
    static final String CERTIFICATE_VERIFY_CONTEXT = "minitls v2, server CertificateVerify";

    // Inner content types (RFC 8446), the last byte of a record's plaintext.
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;

    // How many handshake lines the transcript holds through each message.
    static final int THROUGH_SERVER_HELLO = 2;
    static final int THROUGH_CERTIFICATE = 3;
    static final int THROUGH_CERTIFICATE_VERIFY = 4;
    static final int THROUGH_SERVER_FINISHED = 5;
    static final int THROUGH_CLIENT_FINISHED = 6;

    private static final Tls13KeySchedule SCHEDULE = new Tls13KeySchedule(CRYPTO, HashAlgorithm.SHA256);

    private V2Handshakes() {
    }

    /** A v2 client with the pinned randomness, trusting the test root. */
    static ClientConfig clientConfig() {
        return Handshakes.clientConfig(ProtocolVersion.V2, PKI.root(), HandshakeObserver.NONE);
    }

    /** A record's plaintext: {@code content || type}. */
    static byte[] inner(byte[] content, int type) {
        byte[] inner = Arrays.copyOf(content, content.length + 1);
        inner[content.length] = (byte) type;
        return inner;
    }

    /** {@code inner} with another content type. */
    static byte[] withType(byte[] inner, int type) {
        byte[] changed = inner.clone();
        changed[changed.length - 1] = (byte) type;
        return changed;
    }

    /** {@code inner} without its content type. */
    static byte[] content(byte[] inner) {
        return Arrays.copyOf(inner, inner.length - 1);
    }

    static byte[] alertLine(Alert alert) {
        return CODEC.encode(new AlertMessage(alert));
    }

    /** What a CertificateVerify signs: {@code 64 spaces || context || 0x00 || hash} (RFC 8446 section 4.4.3). */
    static byte[] signedContent(String context, byte[] hash) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(" ".repeat(64).getBytes(StandardCharsets.US_ASCII));
        content.writeBytes(context.getBytes(StandardCharsets.US_ASCII));
        content.write(0);
        content.writeBytes(hash);
        return content.toByteArray();
    }

    /** The nonce of record {@code sequence}: the IV XOR uint64(seq), right-aligned in 12 bytes. */
    static byte[] nonce(TrafficKeys keys, long sequence) {
        byte[] nonce = keys.iv().bytes();
        byte[] seq = ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
        for (int i = 0; i < seq.length; i++) {
            nonce[nonce.length - seq.length + i] ^= seq[i];
        }
        return nonce;
    }

    /** The associated data of a v2 record: {@code 0x17 || uint64(seq) || uint16(ciphertext length)}. */
    static byte[] associatedData(long sequence, int ciphertextLength) {
        return ByteBuffer.allocate(11).put((byte) 0x17).putLong(sequence).putShort((short) ciphertextLength).array();
    }

    /** The frame of record {@code sequence} holding {@code inner}, sealed with the associated data given. */
    static byte[] seal(TrafficKeys keys, long sequence, byte[] associatedData, byte[] inner) {
        byte[] ciphertext = CRYPTO.aead(AeadAlgorithm.AES_256_GCM, keys.key().bytes())
                .seal(nonce(keys, sequence), associatedData, inner);
        return CODEC.encode(new ApplicationRecord(sequence, ciphertext));
    }

    /** The frame of record {@code sequence} holding {@code inner}, sealed as the protocol says. */
    static byte[] seal(TrafficKeys keys, long sequence, byte[] inner) {
        return seal(keys, sequence, associatedData(sequence, inner.length + Aead.TAG_LENGTH), inner);
    }

    static ApplicationRecord record(byte[] frame) {
        return (ApplicationRecord) CODEC.decode(frame, MessageType.APPLICATION_RECORD);
    }

    /** The plaintext ({@code content || type}) of a record frame sealed under {@code keys}. */
    static byte[] open(TrafficKeys keys, byte[] frame) {
        ApplicationRecord record = record(frame);
        return CRYPTO.aead(AeadAlgorithm.AES_256_GCM, keys.key().bytes()).open(nonce(keys, record.sequence()),
                associatedData(record.sequence(), record.ciphertext().length), record.ciphertext());
    }

    /** Asserts that a side ended because the peer sent {@code alert}. */
    static void assertToldOf(ProtocolException e, Alert alert) {
        assertThat(e.failure()).as("%s", e.getMessage()).isEqualTo(Failure.ALERT_RECEIVED);
        assertThat(e.peerAlert()).hasValue(alert);
        assertThat(e).hasMessage("the peer sent an alert: " + alert.rfcName());
    }

    /** What {@code channel.receive()} threw; fails when it returned. */
    static ProtocolException receiveFails(SecureChannel channel) {
        Throwable thrown = catchThrowable(channel::receive);
        assertThat(thrown).isInstanceOf(ProtocolException.class);
        return (ProtocolException) thrown;
    }

    /** Whose keys, for which part of the connection. */
    enum Keys { CLIENT_HANDSHAKE, SERVER_HANDSHAKE, CLIENT_APPLICATION, SERVER_APPLICATION }

    /** Makes the frame that replaces a record, from that record's number and plaintext and the keys it was under. */
    @FunctionalInterface
    interface Rewrite {
        byte[] frame(TrafficKeys keys, long sequence, byte[] inner);
    }

    /**
     * Watches both directions of a handshake and derives the keys from what it saw: the X25519 secret of the pinned
     * private keys, the hellos as sent, and the handshake lines inside the server's records.
     */
    static final class Wire {

        private final List<byte[]> fromClient = new CopyOnWriteArrayList<>();
        private final List<byte[]> fromServer = new CopyOnWriteArrayList<>();

        /** A v2 handshake between the default client and server, watched, with faults in flight. */
        Handshakes.Run run(Fault clientToServer, Fault serverToClient) {
            return run(clientConfig(), Handshakes.serverConfig(), clientToServer, serverToClient);
        }

        /** A handshake between the default peers, each telling its own observer, frames altered in flight. */
        Handshakes.Run run(HandshakeObserver client, HandshakeObserver server, Fault clientToServer,
                Fault serverToClient) {
            return run(Handshakes.clientConfig(ProtocolVersion.V2, PKI.root(), client),
                    Handshakes.serverConfig(PKI.serverPem(), server), clientToServer, serverToClient);
        }

        Handshakes.Run run(ClientConfig client, ServerConfig server, Fault clientToServer, Fault serverToClient) {
            return Handshakes.run(client, server, watching(fromClient, clientToServer),
                    watching(fromServer, serverToClient));
        }

        /** A clean pair, watched, for a test that runs the handshake itself over channels of its own. */
        FakeTransport transport() {
            return FakeTransport.withFaults(watching(fromClient, Fault.NONE), watching(fromServer, Fault.NONE));
        }

        private static Fault watching(List<byte[]> frames, Fault fault) {
            return (index, frame) -> {
                frames.add(frame.clone());
                return fault.apply(index, frame);
            };
        }

        /** Replaces frame {@code n}, a record under {@code keys}, by the same record over {@code change(inner)}. */
        Fault reseal(int n, Keys keys, UnaryOperator<byte[]> change) {
            return rewrite(n, keys, (k, sequence, inner) -> seal(k, sequence, change.apply(inner)));
        }

        /** Replaces frame {@code n}, a record under {@code keys}, by what {@code rewrite} makes of it. */
        Fault rewrite(int n, Keys keys, Rewrite rewrite) {
            return Fault.alter(n, frame -> {
                TrafficKeys k = keys(keys);
                return rewrite.frame(k, record(frame).sequence(), open(k, frame));
            });
        }

        TrafficKeys keys(Keys keys) {
            return switch (keys) {
                case CLIENT_HANDSHAKE -> clientHandshake().trafficKeys(Tls13KeySchedule.KEY_LENGTH);
                case SERVER_HANDSHAKE -> serverHandshake().trafficKeys(Tls13KeySchedule.KEY_LENGTH);
                case CLIENT_APPLICATION -> handshakeSecret().masterSecret()
                        .clientApplicationTrafficSecret(transcriptHash(THROUGH_SERVER_FINISHED))
                        .trafficKeys(Tls13KeySchedule.KEY_LENGTH);
                case SERVER_APPLICATION -> handshakeSecret().masterSecret()
                        .serverApplicationTrafficSecret(transcriptHash(THROUGH_SERVER_FINISHED))
                        .trafficKeys(Tls13KeySchedule.KEY_LENGTH);
            };
        }

        Secret clientFinishedKey() {
            return clientHandshake().finishedKey();
        }

        Secret serverFinishedKey() {
            return serverHandshake().finishedKey();
        }

        /**
         * The handshake lines in transcript order, as far as they were sent: the hellos as they went on the wire,
         * then the content of the records that carried Certificate, CertificateVerify and both Finished.
         */
        List<byte[]> transcriptLines() {
            List<byte[]> lines = new ArrayList<>(hellos());
            TrafficKeys server = keys(Keys.SERVER_HANDSHAKE);
            for (int n = CERTIFICATE; n <= SERVER_FINISHED && n < fromServer.size(); n++) {
                lines.add(content(open(server, fromServer.get(n))));
            }
            if (lines.size() == THROUGH_SERVER_FINISHED && fromClient.size() > CLIENT_FINISHED) {
                lines.add(content(open(keys(Keys.CLIENT_HANDSHAKE), fromClient.get(CLIENT_FINISHED))));
            }
            return lines;
        }

        /** SHA-256 over the first {@code count} handshake lines. */
        byte[] transcriptHash(int count) {
            return Handshakes.sha256((count <= THROUGH_SERVER_HELLO ? hellos() : transcriptLines()).subList(0, count));
        }

        private List<byte[]> hellos() {
            return List.of(fromClient.get(CLIENT_HELLO), fromServer.get(SERVER_HELLO));
        }

        /** Asserts that the client sent, after its ClientHello, one record: {@code alert} under its handshake key. */
        void assertClientSentOnly(Alert alert) {
            assertThat(fromClient).as("the ClientHello and one alert").hasSize(2);
            assertThat(open(keys(Keys.CLIENT_HANDSHAKE), fromClient.get(CLIENT_FINISHED)))
                    .as("the alert, under the client's handshake key").isEqualTo(inner(alertLine(alert), ALERT));
        }

        List<byte[]> fromClient() {
            return List.copyOf(fromClient);
        }

        List<byte[]> fromServer() {
            return List.copyOf(fromServer);
        }

        private HandshakeSecret handshakeSecret() {
            return SCHEDULE.earlySecret().handshakeSecret(Handshakes.sharedSecret());
        }

        private TrafficSecret clientHandshake() {
            return handshakeSecret().clientHandshakeTrafficSecret(transcriptHash(THROUGH_SERVER_HELLO));
        }

        private TrafficSecret serverHandshake() {
            return handshakeSecret().serverHandshakeTrafficSecret(transcriptHash(THROUGH_SERVER_HELLO));
        }
    }
}
