package dev.minitls.crypto.jca;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** The 44-byte SubjectPublicKeyInfo of an Ed25519 key (RFC 8410): a fixed 12-byte prefix, then the raw key. */
final class Ed25519SubjectPublicKeyInfo {

    private static final byte[] PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int KEY_LENGTH = 32;

    private Ed25519SubjectPublicKeyInfo() {
    }

    /** The raw 32-byte key when {@code spki} is an Ed25519 SubjectPublicKeyInfo, empty for any other key. */
    static Optional<byte[]> rawKey(byte[] spki) {
        if (spki.length != PREFIX.length + KEY_LENGTH
                || !Arrays.equals(spki, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(spki, PREFIX.length, spki.length));
    }
}
