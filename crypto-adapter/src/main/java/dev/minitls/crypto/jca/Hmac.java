package dev.minitls.crypto.jca;

import dev.minitls.domain.port.HashAlgorithm;
import java.security.InvalidKeyException;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC (RFC 2104) with SHA-256 or SHA-384 through the JDK's {@code Mac}. */
final class Hmac {

    /**
     * Never keyed nor used: only copied. A copy costs a fraction of a provider lookup, which would otherwise be paid
     * for every MAC of a handshake. Copying reads the prototype only, so threads may copy it at once.
     */
    private static final Map<HashAlgorithm, Mac> PROTOTYPES = new EnumMap<>(HashAlgorithm.class);

    static {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            PROTOTYPES.put(algorithm, Jca.engine(name(algorithm), Mac::getInstance));
        }
    }

    private Hmac() {
    }

    /** A fresh {@code Mac} keyed with {@code key}; any length is a valid HMAC key, including none. */
    static Mac keyed(HashAlgorithm algorithm, byte[] key) {
        Mac mac = Jca.copy(PROTOTYPES.get(algorithm));
        try {
            mac.init(new SecretKeySpec(nonEmpty(key), name(algorithm)));
        } catch (InvalidKeyException e) {
            throw Jca.fault("HMAC-" + algorithm + " key setup", e);
        }
        return mac;
    }

    /** The JDK's name of the HMAC, e.g. {@code HmacSHA384}. */
    private static String name(HashAlgorithm algorithm) {
        return "Hmac" + algorithm.name();
    }

    /**
     * {@code SecretKeySpec} refuses an empty key. HMAC pads every key shorter than the block with zero bytes
     * (RFC 2104, section 2), so the empty key and the key {@code 00} are the same key.
     */
    private static byte[] nonEmpty(byte[] key) {
        return key.length == 0 ? new byte[1] : key;
    }
}
