package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.V2Handshakes.CERTIFICATE_VERIFY_CONTEXT;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.clientConfig;
import static dev.minitls.domain.handshake.V2Handshakes.signedContent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a v2 server's CertificateVerify signs: {@code 64 spaces || "minitls v2, server CertificateVerify" || 0x00 ||
 * transcript hash}, and nothing else. A server whose key signs another content over the same transcript hash (v1's
 * bare hash, TLS 1.3's context, ...) is refused by the client with BAD_SIGNATURE, and the server is told
 * decrypt_error.
 */
class V2CertificateVerifyTest {

    private static final String CONTEXT = CERTIFICATE_VERIFY_CONTEXT;

    /**
     * The server's key, made to sign {@code resign(hash)} where the server asks it to sign the v2 content over
     * {@code hash}: a server of another protocol, or a broken one, over the same transcript.
     */
    record ResigningKey(SigningKey key, UnaryOperator<byte[]> resign) implements SigningKey {

        @Override
        public byte[] publicKey() {
            return key.publicKey();
        }

        @Override
        public byte[] sign(byte[] message) {
            byte[] prefix = signedContent(CONTEXT, new byte[0]);
            if (message.length != prefix.length + 32
                    || !Arrays.equals(prefix, Arrays.copyOf(message, prefix.length))) {
                throw new IllegalArgumentException("the server asked to sign something else than the v2 content");
            }
            return key.sign(resign.apply(Arrays.copyOfRange(message, prefix.length, message.length)));
        }
    }

    /** What a server signs instead, given the transcript hash through the Certificate. */
    record Content(String name, UnaryOperator<byte[]> resign) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Content> otherContents() {
        return Stream.of(
                new Content("the bare transcript hash, as v1 signs", hash -> hash),
                new Content("TLS 1.3's context string", hash ->
                        signedContent("TLS 1.3, server CertificateVerify", hash)),
                new Content("TLS 1.3's client context string", hash ->
                        signedContent("TLS 1.3, client CertificateVerify", hash)),
                new Content("a client context string", hash ->
                        signedContent("minitls v2, client CertificateVerify", hash)),
                new Content("the context without the 64 spaces", hash ->
                        without(signedContent(CONTEXT, hash), 0, 64)),
                new Content("the context without the zero byte", hash ->
                        without(signedContent(CONTEXT, hash), 64 + CONTEXT.length(), 1)),
                new Content("the v2 content over another hash", hash -> signedContent(CONTEXT, new byte[32])));
    }

    /** {@code bytes} without the {@code count} bytes at {@code from}. */
    private static byte[] without(byte[] bytes, int from, int count) {
        byte[] cut = Arrays.copyOf(bytes, bytes.length - count);
        System.arraycopy(bytes, from + count, cut, from, bytes.length - from - count);
        return cut;
    }

    private static Handshakes.Run runWithServerSigning(UnaryOperator<byte[]> resign) {
        SigningKey key = new ResigningKey(CRYPTO.ed25519SigningKey(PKI.serverKey()), resign);
        return new Wire().run(clientConfig(), Handshakes.serverConfig(PKI.serverPem(), key, HandshakeObserver.NONE),
                Fault.NONE, Fault.NONE);
    }

    @ParameterizedTest(name = "server signs {0}")
    @MethodSource("otherContents")
    void clientRefusesASignatureOverAnotherContentAndTheServerIsToldDecryptError(Content c) {
        Handshakes.Run run = runWithServerSigning(c.resign());

        assertThat(run.clientFailed(Failure.BAD_SIGNATURE)).hasMessage("CertificateVerify rejected: "
                + "the server's signature over the transcript does not verify with its certificate's key");
        assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), Alert.DECRYPT_ERROR);
    }

    @Test
    void clientAcceptsTheV2ContentRebuiltFromTheSpecification() {
        Handshakes.Run run = runWithServerSigning(hash -> signedContent(CONTEXT, hash));

        run.clientConnected();
        run.serverConnected();
    }
}
