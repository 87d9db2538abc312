package dev.minitls.archfixture.crypto.jca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Allowed: the jca provider uses the JDK. */
public final class JdkHash {

    /** The JDK's name of the hash. */
    public String algorithm() {
        try {
            return MessageDigest.getInstance("SHA-256").getAlgorithm();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
