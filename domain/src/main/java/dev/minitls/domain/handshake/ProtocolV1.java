package dev.minitls.domain.handshake;

import dev.minitls.domain.Bytes;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;

/** The rules of protocol v1 that both sides apply to what they receive. */
final class ProtocolV1 {

    static final int V1_VERSION = 1;
    static final String SUITE = "X25519";
    static final int RANDOM_LENGTH = 32;
    static final int KEY_SHARE_LENGTH = 32;

    private ProtocolV1() {
    }

    /** Checks a ClientHello's or ServerHello's version, suite, random and key share. */
    static void checkHello(int version, String suite, byte[] random, byte[] keyShare) {
        if (version != V1_VERSION) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION,
                    "peer speaks version " + version + ", expected " + V1_VERSION);
        }
        if (!SUITE.equals(suite)) {
            throw new ProtocolException(Failure.UNSUPPORTED_SUITE, "peer offers suite \"" + suite
                    + "\", expected \"" + SUITE + "\"");
        }
        if (random.length != RANDOM_LENGTH) {
            throw new ProtocolException(Failure.MALFORMED_MESSAGE,
                    "random of " + random.length + " bytes, expected " + RANDOM_LENGTH);
        }
        if (keyShare.length != KEY_SHARE_LENGTH) {
            throw new ProtocolException(Failure.BAD_KEY_SHARE,
                    "X25519 key of " + keyShare.length + " bytes, expected " + KEY_SHARE_LENGTH);
        }
    }

    /** Step 8: X25519 with the peer's key; a low-order key (all-zero shared secret) is refused. */
    static byte[] agree(CryptoProvider crypto, byte[] privateKey, byte[] peerPublicKey) {
        byte[] shared;
        try {
            shared = crypto.x25519(privateKey, peerPublicKey);
        } catch (CryptoException e) {
            throw new ProtocolException(Failure.BAD_KEY_SHARE, "X25519 refused the peer's key: " + e.getMessage());
        }
        if (Bytes.isAllZero(shared)) {
            throw new ProtocolException(Failure.BAD_KEY_SHARE, "the peer's X25519 key gives an all-zero secret");
        }
        return shared;
    }

    /** A certificate the provider cannot parse is a bad certificate. */
    static Certificate parseCertificate(CryptoProvider crypto, byte[] pem) {
        try {
            return crypto.parseCertificate(pem);
        } catch (CryptoException e) {
            throw new ProtocolException(Failure.BAD_CERTIFICATE, "cannot parse it: " + e.getMessage());
        }
    }
}
