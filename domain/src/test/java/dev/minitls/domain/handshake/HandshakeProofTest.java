package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.expectedKeys;
import static dev.minitls.domain.handshake.Handshakes.flipBit;
import static dev.minitls.domain.handshake.Handshakes.frame;
import static dev.minitls.domain.handshake.Handshakes.rewriteClientHello;
import static dev.minitls.domain.handshake.Handshakes.rewriteServerHello;
import static dev.minitls.domain.handshake.Handshakes.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.Handshakes.Wire;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCertificates;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CertificateVerify signature and both Finished MACs: every forgery is refused (BAD_SIGNATURE, BAD_FINISHED),
 * the value recomputed by the test from the frames on the wire is accepted (so the forgeries are refused for the
 * right reason), and a hello changed in flight is caught by the transcript.
 */
class HandshakeProofTest {

    /** Makes a value from the one that was sent and the frames sent so far. */
    record Forgery(String name, BiFunction<byte[], Wire, byte[]> make) {

        @Override
        public String toString() {
            return name;
        }
    }

    // The CertificateVerify signs the transcript through the Certificate: the first three frames.
    private static final int THROUGH_CERTIFICATE = 3;
    private static final int THROUGH_CERTIFICATE_VERIFY = 4;
    private static final int THROUGH_SERVER_FINISHED = 5;

    private static byte[] sign(byte[] privateKey, byte[] message) {
        return CRYPTO.ed25519SigningKey(privateKey).sign(message);
    }

    private static byte[] mac(Secret key, byte[] transcriptHash) {
        return CRYPTO.hmac(HashAlgorithm.SHA256, key.bytes(), transcriptHash);
    }

    /** Sends {@code forgery} of the CertificateVerify's signature instead of the real one. */
    private static Handshakes.Run forgeCertificateVerify(Forgery forgery) {
        Wire wire = new Wire();
        Fault forge = Fault.alter(CERTIFICATE_VERIFY, frame -> frame(new CertificateVerify(forgery.make().apply(
                ((CertificateVerify) Handshakes.CODEC.decode(frame, MessageType.CERTIFICATE_VERIFY)).signature(),
                wire))));
        return run(wire.watching(Fault.NONE), wire.watching(forge));
    }

    static Stream<Forgery> forgedSignatures() {
        return Stream.of(
                new Forgery("first bit flipped", (sent, wire) -> flipBit(sent, 0)),
                new Forgery("last byte changed", (sent, wire) -> flipBit(sent, 63)),
                new Forgery("63 bytes", (sent, wire) -> Arrays.copyOf(sent, 63)),
                new Forgery("65 bytes", (sent, wire) -> Arrays.copyOf(sent, 65)),
                new Forgery("sent twice over", (sent, wire) -> concat(sent, sent)),
                new Forgery("empty", (sent, wire) -> new byte[0]),
                new Forgery("64 zero bytes", (sent, wire) -> new byte[64]),
                new Forgery("over the transcript through the ServerHello",
                        (sent, wire) -> sign(PKI.serverKey(), wire.transcriptHash(THROUGH_CERTIFICATE - 1))),
                new Forgery("over the transcript through the Certificate, with the root CA's key",
                        (sent, wire) -> sign(PKI.rootKey(), wire.transcriptHash(THROUGH_CERTIFICATE))));
    }

    @ParameterizedTest(name = "CertificateVerify {0}")
    @MethodSource("forgedSignatures")
    void clientRefusesForgedSignature(Forgery forgery) {
        Handshakes.Run run = forgeCertificateVerify(forgery);

        assertThat(run.clientFailed(Failure.BAD_SIGNATURE)).hasMessage("CertificateVerify rejected: "
                + "the server's signature over the transcript does not verify with its certificate's key");
        assertThat(run.sentByClient()).as("only the ClientHello").hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    @Test
    void clientAcceptsTheServersSignatureOverTheTranscriptThroughTheCertificate() {
        Handshakes.Run run = forgeCertificateVerify(new Forgery("recomputed",
                (sent, wire) -> sign(PKI.serverKey(), wire.transcriptHash(THROUGH_CERTIFICATE))));

        run.clientConnected();
        run.serverConnected();
    }

    /** Sends {@code forgery} of the server's or the client's Finished MAC instead of the real one. */
    private static Handshakes.Run forgeFinished(boolean byServer, Forgery forgery) {
        Wire wire = new Wire();
        Fault forge = Fault.alter(byServer ? SERVER_FINISHED : CLIENT_FINISHED, frame -> frame(new Finished(
                forgery.make().apply(((Finished) Handshakes.CODEC.decode(frame, MessageType.FINISHED)).mac(), wire))));
        return byServer
                ? run(wire.watching(Fault.NONE), wire.watching(forge))
                : run(wire.watching(forge), wire.watching(Fault.NONE));
    }

    /** Forgeries of either side's MAC; {@code own} and {@code other} are the sender's and the receiver's keys. */
    private static Stream<Forgery> forgedMacs(Secret own, Secret other, int transcriptLength) {
        return Stream.of(
                new Forgery("first bit flipped", (sent, wire) -> flipBit(sent, 0)),
                new Forgery("last byte changed", (sent, wire) -> flipBit(sent, 31)),
                new Forgery("31 bytes", (sent, wire) -> Arrays.copyOf(sent, 31)),
                new Forgery("33 bytes", (sent, wire) -> Arrays.copyOf(sent, 33)),
                new Forgery("empty", (sent, wire) -> new byte[0]),
                new Forgery("made with the other side's finished key",
                        (sent, wire) -> mac(other, wire.transcriptHash(transcriptLength))),
                new Forgery("over the transcript one message short",
                        (sent, wire) -> mac(own, wire.transcriptHash(transcriptLength - 1))));
    }

    static Stream<Forgery> forgedServerFinished() {
        return forgedMacs(expectedKeys().serverFinishedKey(), expectedKeys().clientFinishedKey(),
                THROUGH_CERTIFICATE_VERIFY);
    }

    static Stream<Forgery> forgedClientFinished() {
        return Stream.concat(
                forgedMacs(expectedKeys().clientFinishedKey(), expectedKeys().serverFinishedKey(),
                        THROUGH_SERVER_FINISHED),
                Stream.of(new Forgery("the server's own Finished sent back",
                        (sent, wire) -> mac(expectedKeys().serverFinishedKey(),
                                wire.transcriptHash(THROUGH_CERTIFICATE_VERIFY)))));
    }

    @ParameterizedTest(name = "server Finished {0}")
    @MethodSource("forgedServerFinished")
    void clientRefusesForgedServerFinished(Forgery forgery) {
        Handshakes.Run run = forgeFinished(true, forgery);

        assertThat(run.clientFailed(Failure.BAD_FINISHED))
                .hasMessage("Finished rejected: the server's Finished MAC does not match the transcript");
        assertThat(run.sentByClient()).as("no client Finished").hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    @ParameterizedTest(name = "client Finished {0}")
    @MethodSource("forgedClientFinished")
    void serverRefusesForgedClientFinished(Forgery forgery) {
        Handshakes.Run run = forgeFinished(false, forgery);

        assertThat(run.serverFailed(Failure.BAD_FINISHED))
                .hasMessage("Finished rejected: the client's Finished MAC does not match the transcript");
        run.clientConnected();
    }

    @Test
    void bothSidesAcceptFinishedMacsRecomputedFromTheTranscript() {
        Handshakes.Run server = forgeFinished(true, new Forgery("recomputed", (sent, wire) ->
                mac(expectedKeys().serverFinishedKey(), wire.transcriptHash(THROUGH_CERTIFICATE_VERIFY))));
        Handshakes.Run client = forgeFinished(false, new Forgery("recomputed", (sent, wire) ->
                mac(expectedKeys().clientFinishedKey(), wire.transcriptHash(THROUGH_SERVER_FINISHED))));

        server.clientConnected();
        server.serverConnected();
        client.clientConnected();
        client.serverConnected();
    }

    /** Hellos changed in flight: the randoms and the name take part in no key, only the transcript catches them. */
    static Stream<Named<Fault>> changedClientHellos() {
        return Stream.of(
                named("random", rewriteClientHello(h -> new ClientHello(flipBit(h.random(), 0), h.version(),
                        h.ephemeralPublicKey(), h.suite(), h.serverName()))),
                named("server name", rewriteClientHello(h -> new ClientHello(h.random(), h.version(),
                        h.ephemeralPublicKey(), h.suite(), "evil-server"))),
                named("key share (another valid key)", rewriteClientHello(h -> new ClientHello(h.random(),
                        h.version(), CRYPTO.x25519PublicKey(TestCertificates.filled(0x66)), h.suite(),
                        h.serverName()))));
    }

    @ParameterizedTest(name = "ClientHello {0} changed in flight")
    @MethodSource("changedClientHellos")
    void aClientHelloChangedInFlightFailsTheServersSignature(Fault change) {
        Handshakes.Run run = run(change, Fault.NONE);

        run.clientFailed(Failure.BAD_SIGNATURE);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    @Test
    void aServerHelloChangedInFlightFailsTheServersSignature() {
        Handshakes.Run run = run(Fault.NONE, rewriteServerHello(h -> new ServerHello(flipBit(h.random(), 31),
                h.version(), h.ephemeralPublicKey(), h.suite())));

        run.clientFailed(Failure.BAD_SIGNATURE);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
