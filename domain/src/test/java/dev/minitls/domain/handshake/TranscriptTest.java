package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.CODEC;
import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static dev.minitls.domain.handshake.Handshakes.expectedKeys;
import static dev.minitls.domain.handshake.Handshakes.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.testing.InsecureTestCrypto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transcript is SHA-256 over the exact frames, and the signature and MACs of a real handshake cover exactly the
 * points protocol-v1.md names, recomputed here from the frames on the wire.
 */
class TranscriptTest {

    private static final byte[] A = "ClientHello a\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "ServerHello b\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] C = "Certificate c\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void hashIsSha256OfTheConcatenatedFrames() {
        Transcript transcript = new Transcript(CRYPTO);
        assertThat(transcript.hash()).isEqualTo(sha256(List.of()));

        transcript.add(A);
        assertThat(transcript.hash()).isEqualTo(sha256(List.of(A)));

        transcript.add(B);
        transcript.add(C);
        assertThat(transcript.hash()).isEqualTo(sha256(List.of(A, B, C)));
    }

    @Test
    void framesAreHashedAsGivenNotAsSeparateUnits() {
        Transcript split = new Transcript(CRYPTO);
        split.add("ClientHello".getBytes(StandardCharsets.UTF_8));
        split.add(" a\n".getBytes(StandardCharsets.UTF_8));
        Transcript whole = new Transcript(CRYPTO);
        whole.add(A);

        assertThat(split.hash()).isEqualTo(whole.hash());
    }

    @Test
    void orderMatters() {
        Transcript ab = new Transcript(CRYPTO);
        ab.add(A);
        ab.add(B);
        Transcript ba = new Transcript(CRYPTO);
        ba.add(B);
        ba.add(A);

        assertThat(ab.hash()).isNotEqualTo(ba.hash());
    }

    @Test
    void signatureAndMacsCoverTheTranscriptWhereProtocolV1SaysTheyDo() {
        Handshakes.Run run = Handshakes.run(Handshakes.clientConfig(), Handshakes.serverConfig());
        run.clientConnected();
        run.serverConnected();
        List<byte[]> client = run.sentByClient();
        List<byte[]> server = run.sentByServer();
        byte[] clientHello = client.get(CLIENT_HELLO);

        byte[] throughCertificate = sha256(List.of(clientHello, server.get(SERVER_HELLO), server.get(CERTIFICATE)));
        byte[] signature = ((CertificateVerify) CODEC.decode(server.get(CERTIFICATE_VERIFY),
                MessageType.CERTIFICATE_VERIFY)).signature();
        assertThat(CRYPTO.ed25519Verify(InsecureTestCrypto.publicKeyOf(PKI.serverKey()), throughCertificate,
                signature)).as("CertificateVerify signs the transcript through the Certificate").isTrue();

        byte[] throughCertificateVerify = sha256(List.of(clientHello, server.get(SERVER_HELLO),
                server.get(CERTIFICATE), server.get(CERTIFICATE_VERIFY)));
        assertThat(macIn(server.get(SERVER_FINISHED))).as("server Finished")
                .isEqualTo(CRYPTO.hmac(HashAlgorithm.SHA256, expectedKeys().serverFinishedKey().bytes(),
                        throughCertificateVerify));

        byte[] throughServerFinished = sha256(List.of(clientHello, server.get(SERVER_HELLO),
                server.get(CERTIFICATE), server.get(CERTIFICATE_VERIFY), server.get(SERVER_FINISHED)));
        assertThat(macIn(client.get(CLIENT_FINISHED))).as("client Finished")
                .isEqualTo(CRYPTO.hmac(HashAlgorithm.SHA256, expectedKeys().clientFinishedKey().bytes(),
                        throughServerFinished));
    }

    private static byte[] macIn(byte[] frame) {
        return ((Finished) CODEC.decode(frame, MessageType.FINISHED)).mac();
    }
}
