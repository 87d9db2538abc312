package dev.minitls.crypto.jca;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;

/** HMAC-SHA256 (RFC 2104) through the JDK's {@code Mac}. */
final class HmacSha256 {

    static final int LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    /**
     * Never keyed nor used: only copied. A copy costs a fraction of a provider lookup, which would otherwise be paid
     * for every MAC of a handshake. Copying reads the prototype only, so threads may copy it at once.
     */
    private static final Mac PROTOTYPE = Jca.engine(ALGORITHM, Mac::getInstance);

    private HmacSha256() {
    }

    /** A fresh {@code Mac} keyed with {@code key}; any length is a valid HMAC key, including none. */
    static Mac keyed(byte[] key) {
        Mac mac = Jca.copy(PROTOTYPE);
        try {
            mac.init(new SecretKeySpec(nonEmpty(key), ALGORITHM));
        } catch (InvalidKeyException e) {
            throw Jca.fault("HMAC-SHA256 key setup", e);
        }
        return mac;
    }

    /**
     * {@code SecretKeySpec} refuses an empty key. HMAC pads every key shorter than the block with zero bytes
     * (RFC 2104, section 2), so the empty key and the key {@code 00} are the same key.
     */
    private static byte[] nonEmpty(byte[] key) {
        return key.length == 0 ? new byte[1] : key;
    }
}
