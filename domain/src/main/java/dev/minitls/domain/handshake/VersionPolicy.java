package dev.minitls.domain.handshake;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.Hello;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.record.RecordFormat;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trust.LeafNames;

/**
 * Everything that differs between protocol v1 and v2, so that the handshakes themselves are written once: the
 * version and suite, the key schedule, what CertificateVerify signs, the record format, and whether alerts exist.
 */
sealed interface VersionPolicy permits PolicyV1, PolicyV2 {

    int RANDOM_LENGTH = 32;
    int KEY_SHARE_LENGTH = 32;

    ProtocolVersion version();

    /** The number in the hello messages' version field: 1 or 2. */
    int number();

    /**
     * The other JSON-lines protocol's policy: a peer that speaks it is refused, never fallen back to.
     */
    VersionPolicy other();

    /**
     * The policy of a JSON-lines protocol.
     *
     * @throws IllegalArgumentException for tls13, which is no JSON-lines protocol: {@link Tls13ClientHandshake} and
     *     {@link Tls13ServerHandshake} speak it
     */
    static VersionPolicy of(ProtocolVersion protocol) {
        return switch (protocol) {
            case V1 -> PolicyV1.INSTANCE;
            case V2 -> PolicyV2.INSTANCE;
            case TLS13 -> throw new IllegalArgumentException(
                    "tls13 is not a JSON-lines protocol: Tls13ClientHandshake and Tls13ServerHandshake speak it");
        };
    }

    String suite();

    MessageCodec codec(WireFormats formats);

    RecordFormat recordFormat();

    /** The record layer once keys exist. */
    RecordLayer records(FrameChannel channel, MessageCodec codec, RecordSealer sealer, RecordOpener opener);

    /** True when failures are announced with an alert and sessions end with close_notify. */
    boolean hasAlerts();

    /** Where the server's certificate may carry its name: the CN counts only for v1's seed certificates. */
    LeafNames leafNames();

    /** The keys for everything after the ServerHello, from the shared secret and the hello messages. */
    HandshakeKeys handshakeKeys(CryptoProvider crypto, byte[] sharedSecret, byte[] helloTranscriptHash);

    /** What the server signs in CertificateVerify, given the transcript hash through the Certificate. */
    byte[] certificateVerifyContent(byte[] transcriptHash);

    /** Checks a ClientHello's or ServerHello's version, suite, random and key share. */
    default void checkHello(Hello hello) {
        if (hello.version() != number()) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION,
                    "peer speaks version " + hello.version() + ", expected " + number());
        }
        if (!suite().equals(hello.suite())) {
            throw new ProtocolException(Failure.UNSUPPORTED_SUITE,
                    "peer offers suite " + PeerText.quote(hello.suite()) + ", expected \"" + suite() + "\"");
        }
        if (hello.random().length != RANDOM_LENGTH) {
            throw new ProtocolException(Failure.MALFORMED_MESSAGE,
                    "random of " + hello.random().length + " bytes, expected " + RANDOM_LENGTH);
        }
        if (hello.ephemeralPublicKey().length != KEY_SHARE_LENGTH) {
            throw new ProtocolException(Failure.BAD_KEY_SHARE,
                    "X25519 key of " + hello.ephemeralPublicKey().length + " bytes, expected " + KEY_SHARE_LENGTH);
        }
    }

    /** Step 8: X25519 with the peer's key; a low-order key (all-zero shared secret) is refused. */
    static byte[] agree(CryptoProvider crypto, byte[] privateKey, byte[] peerPublicKey) {
        byte[] shared;
        try {
            shared = crypto.x25519(privateKey, peerPublicKey);
        } catch (CryptoException e) {
            throw new ProtocolException(Failure.BAD_KEY_SHARE,
                    "X25519 refused the peer's key: " + PeerText.quote(String.valueOf(e.getMessage())));
        }
        if (Bytes.isAllZero(shared)) {
            throw new ProtocolException(Failure.BAD_KEY_SHARE, "the peer's X25519 key gives an all-zero secret");
        }
        return shared;
    }

    /** A certificate that is not one PEM block, or whose DER the provider cannot parse, is a bad certificate. */
    static Certificate parseCertificate(CryptoProvider crypto, byte[] pem) {
        byte[] der;
        try {
            der = Pem.decode(Pem.CERTIFICATE, pem);
        } catch (CryptoException e) {
            throw unparseable(e);
        }
        return parseDer(crypto, der);
    }

    /** A certificate whose DER the provider cannot parse is a bad certificate (TLS 1.3 carries DER itself). */
    static Certificate parseDer(CryptoProvider crypto, byte[] der) {
        try {
            return crypto.parseCertificate(der);
        } catch (CryptoException e) {
            throw unparseable(e);
        }
    }

    private static ProtocolException unparseable(CryptoException e) {
        // The message may quote the peer's bytes, or a library's words about them.
        return new ProtocolException(Failure.BAD_CERTIFICATE,
                "cannot parse it: " + PeerText.quote(String.valueOf(e.getMessage())));
    }
}
