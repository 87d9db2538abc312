package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.support.Providers;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.RecordContentType;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.tls13.SignatureScheme;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trust.TrustFixture;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.SharedVectors;
import dev.minitls.transport.tls13.HandshakeCodec;
import dev.minitls.transport.tls13.InnerPlaintext;
import dev.minitls.transport.tls13.RecordProtection;
import dev.minitls.transport.tls13.TlsRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 8448 section 3 (a simple 1-RTT handshake), complete, from {@code rfc8448-1rtt.json}: the server's
 * CertificateVerify, and minitls's TLS 1.3 client driven with the RFC's ephemeral key over records that hand it the
 * RFC's server flight and seal what it sends with the keys it installs. The RFC's ClientHello offers extensions
 * minitls does not send, so the records take the RFC's ClientHello bytes as what the client sent (the transcript
 * holds the RFC's bytes throughout); the decoded ServerHello and EncryptedExtensions the client checks are those of
 * the RFC adjusted to what minitls offered (its legacy_session_id echoed; no record_size_limit, which minitls did
 * not offer), their bytes the RFC's. The server flight is opened with the key the client derives, and the one record
 * the client sends must equal the RFC's client Finished record byte for byte.
 *
 * <p>The RFC's server key is RSA-1024, which minitls refuses (RSA keys under 2048 bits, issue 13 and
 * {@link CryptoProvider#verify}): every provider says the RFC's signature does not verify, and the JDK's RSASSA-PSS,
 * which has no such floor, shows the signature and the content minitls signs are right. The handshake therefore
 * checks that one signature with the JDK through {@link RfcKeyCrypto}, and every other primitive with the provider.
 */
class Rfc8448ClientHandshakeTest {

    /** Inside the RFC certificate's validity, 2016-07-30 to 2026-07-30. */
    private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");
    private static final int RECORD_SIZE_LIMIT = 28;
    private static JsonNode rfc;

    @BeforeAll
    static void load() throws IOException {
        rfc = new ObjectMapper().readTree(SharedVectors.require("rfc8448-1rtt.json").toFile());
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void theRfcsCertificateVerifySignsMinitlsContentAndOnlyTheJdkTakesItsRsa1024Key(CryptoChoice choice)
            throws GeneralSecurityException {
        CryptoProvider crypto = Providers.of(choice);
        byte[] transcript = transcriptHash(crypto, hex("client_hello.message"),
                hex("server_hello.message"), hex("server_encrypted_flight.encrypted_extensions"),
                hex("server_encrypted_flight.certificate"));
        byte[] content = Tls13Rules.serverCertificateVerifyContent(transcript);
        assertThat(content).isEqualTo(hex("certificate_verify.signed_content"));
        Certificate server = crypto.parseCertificate(hex("server_certificate.der"));
        assertThat(server.keyAlgorithm()).isEqualTo("RSA");
        byte[] signature = hex("certificate_verify.signature");

        assertThat(RfcKeyCrypto.jdkVerifies(server.publicKey(), content, signature)).isTrue();
        assertThat(crypto.verify(SignatureAlgorithm.RSA_PSS_RSAE_SHA256, server.publicKey(), content, signature))
                .as("an RSA-1024 key is refused").isFalse();
        assertThat(Tls13Signatures.accept(SignatureScheme.RSA_PSS_RSAE_SHA256, server).algorithm())
                .isEqualTo(SignatureAlgorithm.RSA_PSS_RSAE_SHA256);
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void theClientAcceptsTheRfcsServerFlightAndSendsTheRfcsFinishedRecord(CryptoChoice choice) {
        CryptoProvider crypto = new RfcKeyCrypto(Providers.of(choice));
        RfcServerRecords records = new RfcServerRecords(crypto);
        // The config's root is not read: the fixture trusts the RFC's certificate as it is.
        Certificate anyEd25519Root = crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE,
                PkiIssuer.issue("example-server", 1, Clock.systemUTC()).rootCertificatePem()
                        .getBytes(StandardCharsets.US_ASCII)));

        Tls13Session session = Tls13ClientHandshake.connect(records, config(crypto, anyEd25519Root), Tls13Settings.DEFAULT,
                TrustFixture::trustAsIs);

        assertThat(session.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(records.sentRecords).hasSize(1);
        assertThat(records.sentRecords.get(0)).isEqualTo(hex("client_finished.record"));
        assertThat(records.alerts).isEmpty();
    }

    /**
     * The issue asks for the RFC's certificate as its own trust anchor, and also for RSA keys under 2048 bits to be
     * refused: the RFC's key is RSA-1024, so the second wins, and minitls says so when the client is configured.
     */
    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void theRfcsRsa1024CertificateIsRefusedAsATrustAnchor(CryptoChoice choice) {
        CryptoProvider crypto = new RfcKeyCrypto(Providers.of(choice));
        Certificate rfcRoot = crypto.parseCertificate(hex("server_certificate.der"));

        assertThatThrownBy(() -> config(crypto, rfcRoot)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an RSA key of 1024 bits, under the 2048 minitls requires");
    }

    private static ClientConfig config(CryptoProvider crypto, Certificate root) {
        // The client draws its random, its legacy_session_id, then its X25519 private key: the RFC's.
        ClientHello rfcHello = (ClientHello) new HandshakeCodec().decode(hex("client_hello.message"));
        return new ClientConfig(crypto, new FixedRandom(rfcHello.random(), new byte[32], hex("x25519.client_private")),
                Clock.fixed(NOW, ZoneOffset.UTC), root, text("server_certificate.subject").substring(3),
                ProtocolVersion.V2, HandshakeObserver.NONE);
    }

    static byte[] hex(String path) {
        return HexFormat.of().parseHex(node(path).get("hex").asText());
    }

    private static String text(String path) {
        return node(path).asText();
    }

    private static JsonNode node(String path) {
        JsonNode node = rfc;
        for (String name : path.split("\\.")) {
            node = node.get(name);
            assertThat(node).as("%s in rfc8448-1rtt.json", path).isNotNull();
        }
        return node;
    }

    /** The SHA-256 transcript hash of whole handshake messages. */
    private static byte[] transcriptHash(CryptoProvider crypto, byte[]... messages) {
        HashContext hash = crypto.hash(HashAlgorithm.SHA256);
        for (byte[] message : messages) {
            hash.update(message);
        }
        return hash.digestSoFar();
    }

    /**
     * The RFC's server, as records: the ClientHello sent is the RFC's bytes; the ServerHello comes in clear, then the
     * RFC's encrypted flight is opened with the read key the client installed and split into its four messages;
     * each handshake message the client sends is sealed with the write key it installed and kept as a record.
     */
    private static final class RfcServerRecords implements Tls13Records {

        private final CryptoProvider crypto;
        private final HandshakeCodec codec = new HandshakeCodec();
        private final Deque<HandshakeIn> incoming = new ArrayDeque<>();
        final List<byte[]> sentRecords = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();
        private ClientHello sent;
        private RecordProtection reads;
        private RecordProtection writes;

        RfcServerRecords(CryptoProvider crypto) {
            this.crypto = crypto;
        }

        @Override
        public byte[] send(HandshakeMessage message) {
            if (message instanceof ClientHello hello) {
                sent = hello;
                ServerHello rfcHello = (ServerHello) codec.decode(hex("server_hello.message"));
                incoming.add(new HandshakeIn(new ServerHello(rfcHello.legacyVersion(), rfcHello.random(),
                        hello.legacySessionId(), rfcHello.cipherSuite(), rfcHello.legacyCompressionMethod(),
                        rfcHello.extensions()), hex("server_hello.message")));
                return hex("client_hello.message");
            }
            byte[] bytes = codec.encode(message);
            sentRecords.add(writes.seal(new InnerPlaintext(RecordContentType.HANDSHAKE, bytes), 0));
            return bytes;
        }

        @Override
        public void flush() {
        }

        @Override
        public Incoming receive() {
            if (incoming.isEmpty() && sent != null && reads != null) {
                openServerFlight();
            }
            return incoming.poll();
        }

        private void openServerFlight() {
            byte[] record = hex("server_encrypted_flight.record");
            InnerPlaintext inner = reads.open(new TlsRecord(RecordContentType.APPLICATION_DATA,
                    Arrays.copyOfRange(record, TlsRecord.HEADER_LENGTH, record.length)));
            byte[] payload = inner.content();
            for (int at = 0; at < payload.length; ) {
                int length = new BigInteger(1, Arrays.copyOfRange(payload, at + 1, at + 4)).intValue();
                byte[] bytes = Arrays.copyOfRange(payload, at, at + 4 + length);
                HandshakeMessage message = codec.decode(bytes);
                if (message instanceof EncryptedExtensions extensions) {
                    message = new EncryptedExtensions(extensions.extensions().stream().filter(extension ->
                            !(extension instanceof Extension.Unknown unknown && unknown.type() == RECORD_SIZE_LIMIT))
                            .toList());
                }
                incoming.add(new HandshakeIn(message, bytes));
                at += bytes.length;
            }
        }

        @Override
        public void protectReads(AeadAlgorithm aead, byte[] key, byte[] iv) {
            reads = new RecordProtection(crypto.aead(aead, key), iv);
        }

        @Override
        public void protectWrites(AeadAlgorithm aead, byte[] key, byte[] iv) {
            writes = new RecordProtection(crypto.aead(aead, key), iv);
        }

        @Override
        public long writesLeft() {
            return RecordLimits.MAX_RECORDS_PER_KEY;
        }

        @Override
        public void sendData(byte[] data) {
            throw new AssertionError("no application data in this test");
        }

        @Override
        public void sendAlert(Alert alert) {
            alerts.add(alert);
        }

        @Override
        public void close() {
        }

        @Override
        public String peer() {
            return "the RFC 8448 server";
        }
    }

    /**
     * A provider that verifies RSA-PSS signatures by the RFC's RSA-1024 key with the JDK (which minitls's providers
     * refuse, as they refuse every RSA key under 2048 bits) and does everything else with {@code delegate}.
     */
    private static final class RfcKeyCrypto implements CryptoProvider {

        private final CryptoProvider delegate;

        RfcKeyCrypto(CryptoProvider delegate) {
            this.delegate = delegate;
        }

        static boolean jdkVerifies(byte[] spki, byte[] message, byte[] signature) {
            try {
                PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                pss.initVerify(key);
                pss.update(message);
                return pss.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
            Certificate rfcServer = delegate.parseCertificate(hex("server_certificate.der"));
            if (algorithm == SignatureAlgorithm.RSA_PSS_RSAE_SHA256 && Arrays.equals(publicKey, rfcServer.publicKey())) {
                return jdkVerifies(publicKey, message, signature);
            }
            return delegate.verify(algorithm, publicKey, message, signature);
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public HashContext hash(HashAlgorithm algorithm) {
            return delegate.hash(algorithm);
        }

        @Override
        public byte[] hmac(HashAlgorithm algorithm, byte[] key, byte[] data) {
            return delegate.hmac(algorithm, key, data);
        }

        @Override
        public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
            return delegate.hkdfExtract(algorithm, salt, ikm);
        }

        @Override
        public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
            return delegate.hkdfExpand(algorithm, prk, info, length);
        }

        @Override
        public byte[] x25519PublicKey(byte[] privateKey) {
            return delegate.x25519PublicKey(privateKey);
        }

        @Override
        public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
            return delegate.x25519(privateKey, peerPublicKey);
        }

        @Override
        public byte[] keyShare(KeyExchangeGroup group, byte[] privateKey) {
            return delegate.keyShare(group, privateKey);
        }

        @Override
        public byte[] agree(KeyExchangeGroup group, byte[] privateKey, byte[] peerKeyShare) {
            return delegate.agree(group, privateKey, peerKeyShare);
        }

        @Override
        public SigningKey ed25519SigningKey(byte[] privateKey) {
            return delegate.ed25519SigningKey(privateKey);
        }

        @Override
        public SigningKey signingKey(byte[] pkcs8) {
            return delegate.signingKey(pkcs8);
        }

        @Override
        public boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) {
            return delegate.ed25519Verify(publicKey, message, signature);
        }

        @Override
        public Aead aead(AeadAlgorithm algorithm, byte[] key) {
            return delegate.aead(algorithm, key);
        }

        @Override
        public Certificate parseCertificate(byte[] der) {
            return delegate.parseCertificate(der);
        }
    }
}
