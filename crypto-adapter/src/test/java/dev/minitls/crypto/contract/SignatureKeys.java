package dev.minitls.crypto.contract;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key pairs the JDK makes once per test run, for the ECDSA and RSA cases of the contract. */
final class SignatureKeys {

    static final KeyPair P256 = generate("EC", 0);
    static final KeyPair RSA_2048 = generate("RSA", 2048);

    private SignatureKeys() {
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits == 0) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
