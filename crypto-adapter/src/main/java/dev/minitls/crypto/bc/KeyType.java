package dev.minitls.crypto.bc;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of key {@link CertificateAuthority} issues: every certificate of one PKI has keys of one kind. */
public enum KeyType {
    /** Ed25519 (RFC 8410), certificates signed with Ed25519: the seed's, and what v1 and v2 take. */
    ED25519("ed25519"),
    /** ECDSA on P-256 (prime256v1), certificates signed with ecdsa-with-SHA256. */
    ECDSA_P256("ecdsa-p256"),
    /** RSA of 2048 bits (e = 65537), certificates signed with sha256WithRSAEncryption (PKCS#1 v1.5). */
    RSA_2048("rsa-2048");

    private final String displayName;

    KeyType(String displayName) {
        this.displayName = displayName;
    }

    /** The type named {@code name} as the command line writes it ({@code ed25519}, {@code ecdsa-p256}, ...). */
    public static Optional<KeyType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.displayName.equals(name)).findFirst();
    }

    /** Every name, comma-separated: {@code ed25519, ecdsa-p256, rsa-2048}. */
    public static String names() {
        return Arrays.stream(values()).map(KeyType::toString).collect(Collectors.joining(", "));
    }

    /** The command line's name, e.g. {@code ecdsa-p256}. */
    @Override
    public String toString() {
        return displayName;
    }
}
