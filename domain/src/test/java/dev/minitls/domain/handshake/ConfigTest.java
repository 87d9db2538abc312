package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.clientConfig;
import static dev.minitls.testing.TestCertificates.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestCodec;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration mistakes are refused when the configuration is made, before any connection. */
class ConfigTest {

    private static ServerConfig serverWith(byte[] certificatePem, byte[] privateKey) {
        return new ServerConfig(CRYPTO, FixedRandom.counting(), certificatePem, CRYPTO.ed25519SigningKey(privateKey),
                HandshakeObserver.NONE);
    }

    @Test
    void serverKeyMustBelongToItsCertificate() {
        assertThatThrownBy(() -> serverWith(PKI.serverPem(), PKI.rootKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server's private key does not belong to its certificate CN=example-server");
    }

    @Test
    void serverCertificateMustHoldAnEd25519Key() {
        byte[] rsa = PKI.serverBuilder().key("RSA", new byte[270]).build();

        assertThatThrownBy(() -> serverWith(rsa, PKI.serverKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server's private key does not belong to its certificate CN=example-server");
    }

    @Test
    void serverCertificateThatIsNotPemIsMalformed() {
        byte[] garbage = "not a certificate".getBytes(StandardCharsets.UTF_8);

        assertMalformed(() -> serverWith(garbage, PKI.serverKey()), "PEM CERTIFICATE: text before the BEGIN line");
    }

    @Test
    void serverCertificateFileWithMoreThanAChainsPemBlocksIsMalformed() {
        byte[] chain = (new String(PKI.serverPem(), StandardCharsets.US_ASCII)
                + new String(PKI.rootPem(), StandardCharsets.US_ASCII).repeat(ServerConfig.MAX_CHAIN))
                .getBytes(StandardCharsets.US_ASCII);

        assertMalformed(() -> serverWith(chain, PKI.serverKey()), "PEM CERTIFICATE: more than 8 PEM blocks");
    }

    @Test
    void serverCertificateFileWithTheLeafThenItsIssuersIsTheChain() {
        byte[] chain = (new String(PKI.serverPem(), StandardCharsets.US_ASCII)
                + new String(PKI.rootPem(), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);

        assertThat(serverWith(chain, PKI.serverKey()).chain()).containsExactly(
                Pem.decode(Pem.CERTIFICATE, PKI.serverPem()), Pem.decode(Pem.CERTIFICATE, PKI.rootPem()));
    }

    @Test
    void serverCertificateWhoseDerCannotBeParsedIsTheProvidersError() {
        byte[] notDer = Pem.encode(Pem.CERTIFICATE, "no fields".getBytes(StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);

        assertMalformed(() -> serverWith(notDer, PKI.serverKey()), "malformed test certificate");
    }

    @Test
    void serverConfigKeepsItsOwnCopyOfTheCertificate() {
        byte[] pem = PKI.serverPem().clone();
        ServerConfig config = serverWith(pem, PKI.serverKey());
        pem[0] = 'X';

        assertThat(config.certificatePem()).isEqualTo(PKI.serverPem());
    }

    @Test
    void serverConfigDoesNotHandOutItsCertificateForChanging() {
        ServerConfig config = serverWith(PKI.serverPem(), PKI.serverKey());

        config.certificatePem()[0] = 'X';

        assertThat(config.certificatePem()).as("the certificate every handshake sends").isEqualTo(PKI.serverPem());
    }

    @Test
    void aCertificateWhoseV2MessageFitsOneRecordIsAccepted() {
        ServerConfig config = serverWith(PKI.serverPem(), PKI.serverKey());

        ServerHandshake.checkCertificateFits(config, formatsEncodingCertificatesTo(RecordLimits.MAX_PLAINTEXT));
    }

    @Test
    void aCertificateWhoseV2MessageDoesNotFitOneRecordIsRefusedSayingWhy() {
        ServerConfig config = serverWith(PKI.serverPem(), PKI.serverKey());
        WireFormats formats = formatsEncodingCertificatesTo(RecordLimits.MAX_PLAINTEXT + 1);

        assertThatThrownBy(() -> ServerHandshake.checkCertificateFits(config, formats))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the certificate is too large for protocol v2: its " + PKI.serverPem().length
                        + "-byte PEM makes a Certificate message of 16385 bytes, over the 16384 bytes of one v2"
                        + " record, and a v2 handshake message never spans records (a certificate with fewer names"
                        + " or extensions fits)");
    }

    /** Formats whose v2 codec encodes a Certificate message, and only that, as {@code length} bytes. */
    private static WireFormats formatsEncodingCertificatesTo(int length) {
        return new WireFormats(TestCodec.V1, new MessageCodec() {
            @Override
            public byte[] encode(Message message) {
                assertThat(message).isInstanceOfSatisfying(CertificateMessage.class,
                        certificate -> assertThat(certificate.certificatePem()).isEqualTo(PKI.serverPem()));
                return new byte[length];
            }

            @Override
            public Message decode(byte[] frame, MessageType expected) {
                throw new UnsupportedOperationException("only encodes");
            }
        });
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void clientNeedsAServerName(String serverName) {
        assertThatThrownBy(() -> clientConfig(CRYPTO, PKI.root(), serverName, HandshakeObserver.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a server name is required");
    }

    @Test
    void clientRefusesATrustedRootWithATooSmallRsaKeyWhenConfigured() {
        byte[] rsaRoot = TestCertificates.root(filled(0x44), "CN=RSA Root").key("RSA", new byte[270]).build();
        Certificate root = CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, rsaRoot));

        assertThatThrownBy(() -> clientConfig(CRYPTO, root, TestCertificates.SERVER_NAME, HandshakeObserver.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the trusted root CA CN=RSA Root has an RSA key of 256 bits, under the 2048 minitls "
                        + "requires");
    }

    @Test
    void clientRefusesATrustedRootThatIsNotACaWhenConfigured() {
        Certificate root = CRYPTO.parseCertificate(Pem.decode(Pem.CERTIFICATE, PKI.rootBuilder().ca(false).build()));

        assertThatThrownBy(() -> clientConfig(CRYPTO, root, TestCertificates.SERVER_NAME, HandshakeObserver.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the trusted root CA CN=Test Root is not a CA (BasicConstraints CA:false)");
    }

    private static void assertMalformed(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CryptoException.class,
                        e -> assertThat(e.kind()).isEqualTo(CryptoException.Kind.MALFORMED))
                .hasMessageStartingWith(message);
    }
}
