package dev.minitls.domain.keys;

import java.util.Arrays;

/**
 * Key material. Its {@link #toString()} never shows the bytes, so a secret that ends up in a log line or an
 * exception message by mistake stays secret.
 *
 * <p>{@link #destroy()} zeroes the bytes once they are no longer needed, with the semantics of
 * {@link javax.security.auth.Destroyable}: afterwards every use is an {@link IllegalStateException}, never a
 * silent run of zero bytes. Destroying twice does nothing. Thread-safe.
 */
public final class Secret {

    private final byte[] bytes;
    private boolean destroyed;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A secret holding its own copy of {@code bytes}. */
    public static Secret of(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /**
     * A secret that takes {@code bytes} over, without a copy: the caller hands the array over and uses it no more,
     * and {@link #destroy()} zeroes that very array. For fresh key material (a private key, a derived secret), so
     * that no copy is left behind.
     */
    public static Secret owning(byte[] bytes) {
        return new Secret(bytes);
    }

    /** A copy of the secret's bytes, which the caller owns (and should wipe when done). */
    public synchronized byte[] bytes() {
        return live().clone();
    }

    /** Another secret with a copy of these bytes, destroyed independently of this one. */
    public synchronized Secret copy() {
        return of(live());
    }

    public synchronized int length() {
        return live().length;
    }

    /** Zeroes the bytes; every later use is an {@link IllegalStateException}. */
    public synchronized void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    private byte[] live() {
        if (destroyed) {
            throw new IllegalStateException("this secret was destroyed");
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Secret s)) {
            return false;
        }
        byte[] mine = bytes();
        byte[] theirs = s.bytes();
        try {
            return Arrays.equals(mine, theirs);
        } finally {
            Arrays.fill(mine, (byte) 0);
            Arrays.fill(theirs, (byte) 0);
        }
    }

    @Override
    public synchronized int hashCode() {
        return Arrays.hashCode(live());
    }

    @Override
    public synchronized String toString() {
        return "Secret[" + bytes.length + " bytes, " + (destroyed ? "destroyed" : "not shown") + "]";
    }
}
