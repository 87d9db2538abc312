package dev.minitls.domain.keys;

import java.util.Arrays;

/**
 * Key material. Its {@link #toString()} never shows the bytes, so a secret that ends up in a log line or an
 * exception message by mistake stays secret.
 */
public final class Secret {

    private final byte[] bytes;

    private Secret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static Secret of(byte[] bytes) {
        return new Secret(bytes);
    }

    /** A copy of the secret's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Secret[" + bytes.length + " bytes, not shown]";
    }
}
