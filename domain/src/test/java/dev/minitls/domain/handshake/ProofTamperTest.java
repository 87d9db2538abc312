package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.V2Handshakes.CERTIFICATE_VERIFY_CONTEXT;
import static dev.minitls.domain.handshake.V2Handshakes.HANDSHAKE;
import static dev.minitls.domain.handshake.V2Handshakes.THROUGH_CERTIFICATE;
import static dev.minitls.domain.handshake.V2Handshakes.THROUGH_CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.V2Handshakes.THROUGH_SERVER_HELLO;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.content;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static dev.minitls.domain.handshake.V2Handshakes.receiveFails;
import static dev.minitls.domain.handshake.V2Handshakes.signedContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CertificateVerify signature and both Finished MACs changed on the wire, in both protocols: a bit flipped in
 * each byte in turn, and (in v2, whose v1 twins are in {@link HandshakeProofTest}) truncated, padded, empty, or
 * computed over a transcript one message short. The side that checks it refuses it with BAD_SIGNATURE or
 * BAD_FINISHED; in v2 the other side is told decrypt_error, in v1 it sees the connection close.
 */
class ProofTamperTest {

    /** A proof, where it travels, and how its refusal reads. */
    enum Proof {
        CERTIFICATE_VERIFY(Handshakes.CERTIFICATE_VERIFY, true, MessageType.CERTIFICATE_VERIFY, 64,
                Failure.BAD_SIGNATURE, "CertificateVerify rejected: "
                        + "the server's signature over the transcript does not verify with its certificate's key"),
        SERVER_FINISHED(Handshakes.SERVER_FINISHED, true, MessageType.FINISHED, 32, Failure.BAD_FINISHED,
                "Finished rejected: the server's Finished MAC does not match the transcript"),
        CLIENT_FINISHED(Handshakes.CLIENT_FINISHED, false, MessageType.FINISHED, 32, Failure.BAD_FINISHED,
                "Finished rejected: the client's Finished MAC does not match the transcript");

        final int frame;
        final boolean fromServer;
        final MessageType type;
        final int length;
        final Failure failure;
        final String message;

        Proof(int frame, boolean fromServer, MessageType type, int length, Failure failure, String message) {
            this.frame = frame;
            this.fromServer = fromServer;
            this.type = type;
            this.length = length;
            this.failure = failure;
            this.message = message;
        }

        Message with(byte[] value) {
            return this == CERTIFICATE_VERIFY ? new CertificateVerify(value) : new Finished(value);
        }

        byte[] valueOf(Message message) {
            return message instanceof CertificateVerify cv ? cv.signature() : ((Finished) message).mac();
        }
    }

    /** Makes the value sent from the one the sender made and what the wire saw so far (v2 only). */
    record Change(String name, BiFunction<byte[], Wire, byte[]> make) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> flippedBits() {
        return ProtocolVersion.jsonLinesProtocols().stream().flatMap(protocol -> Stream.of(Proof.values())
                .flatMap(proof -> IntStream.range(0, proof.length).mapToObj(i -> Arguments.of(protocol, proof,
                        new Change("bit " + i % 8 + " of byte " + i + " flipped", (sent, wire) -> flip(sent, i))))));
    }

    static Stream<Arguments> otherV2Changes() {
        List<Arguments> cases = new ArrayList<>();
        for (Proof proof : Proof.values()) {
            for (Change change : List.of(
                    new Change("truncated by a byte", (sent, wire) -> Arrays.copyOf(sent, sent.length - 1)),
                    new Change("padded with a zero byte", (sent, wire) -> Arrays.copyOf(sent, sent.length + 1)),
                    new Change("empty", (sent, wire) -> new byte[0]),
                    new Change("over the transcript one message short", ProofTamperTest.oneMessageShort(proof)))) {
                cases.add(Arguments.of(ProtocolVersion.V2, proof, change));
            }
        }
        return cases.stream();
    }

    /** The proof made with the right key over the transcript without its last message. */
    private static BiFunction<byte[], Wire, byte[]> oneMessageShort(Proof proof) {
        return switch (proof) {
            case CERTIFICATE_VERIFY -> (sent, wire) -> CRYPTO.ed25519SigningKey(PKI.serverKey())
                    .sign(signedContent(CERTIFICATE_VERIFY_CONTEXT, wire.transcriptHash(THROUGH_SERVER_HELLO)));
            case SERVER_FINISHED -> (sent, wire) -> CRYPTO.hmac(HashAlgorithm.SHA256, wire.serverFinishedKey().bytes(),
                    wire.transcriptHash(THROUGH_CERTIFICATE));
            case CLIENT_FINISHED -> (sent, wire) -> CRYPTO.hmac(HashAlgorithm.SHA256, wire.clientFinishedKey().bytes(),
                    wire.transcriptHash(THROUGH_CERTIFICATE_VERIFY));
        };
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource({"flippedBits", "otherV2Changes"})
    void theCheckingSideRefusesTheChangedProof(ProtocolVersion protocol, Proof proof, Change change) {
        Wire wire = new Wire();
        Fault fault = protocol == ProtocolVersion.V1 ? v1Fault(proof, change) : v2Fault(wire, proof, change);
        ClientConfig client = Handshakes.clientConfig(protocol, PKI.root(),
                HandshakeObserver.NONE);
        Handshakes.Run run = proof.fromServer
                ? wire.run(client, Handshakes.serverConfig(), Fault.NONE, fault)
                : wire.run(client, Handshakes.serverConfig(), fault, Fault.NONE);

        if (proof.fromServer) {
            assertThat(run.clientFailed(proof.failure)).hasMessage(proof.message);
            if (protocol == ProtocolVersion.V2) {
                assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), Alert.DECRYPT_ERROR);
            } else {
                run.serverFailed(Failure.PEER_CLOSED);
            }
        } else {
            assertThat(run.serverFailed(proof.failure)).hasMessage(proof.message);
            if (protocol == ProtocolVersion.V2) {
                assertToldOf(receiveFails(run.clientConnected()), Alert.DECRYPT_ERROR);
            } else {
                assertThat(run.clientConnected().receive()).as("v1: the connection simply ends").isEmpty();
            }
        }
    }

    private static Fault v1Fault(Proof proof, Change change) {
        TestCodec codec = TestCodec.V1;
        return Fault.alter(proof.frame, frame -> codec.encode(proof.with(
                change.make().apply(proof.valueOf(codec.decode(frame, proof.type)), null))));
    }

    private static Fault v2Fault(Wire wire, Proof proof, Change change) {
        TestCodec codec = TestCodec.V2;
        Keys keys = proof.fromServer ? Keys.SERVER_HANDSHAKE : Keys.CLIENT_HANDSHAKE;
        return wire.reseal(proof.frame, keys, inner -> inner(codec.encode(proof.with(change.make().apply(
                proof.valueOf(codec.decode(content(inner), proof.type)), wire))), HANDSHAKE));
    }

    /** {@code bytes} with bit {@code i % 8} of byte {@code i} flipped. */
    private static byte[] flip(byte[] bytes, int i) {
        byte[] flipped = bytes.clone();
        flipped[i] ^= (byte) (1 << (i % 8));
        return flipped;
    }
}
