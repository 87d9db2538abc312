package dev.minitls.crypto.jca;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Idle ciphers of one transformation ({@code AES/GCM/NoPadding}, {@code ChaCha20-Poly1305}), shared by every
 * {@link JcaAead} of it. Looking a cipher up in the JDK's providers costs more than sealing a small record, and a
 * handshake makes four keys on each side, each used for one to a few records: borrowing an idle cipher is cheaper.
 * A key borrows a cipher when it first seals (and one when it first opens), keeps it while it lives and gives it back
 * when it is destroyed. Last in, first out, so the next key gets the cipher the JIT and the caches know best.
 *
 * <p>No idle cipher holds a session's key: a cipher given back is first set up for encryption with an all-zero key
 * and a nonce never used with it before (the JDK refuses the key and nonce a cipher last encrypted with), and Java
 * 17's AES and ChaCha20 overwrite the previous key and its schedule in place when set up again (observed by
 * {@code CipherPoolTest}; the JCA itself promises nothing about it). A cipher that cannot be set up so is not kept.
 * At most {@link #MAX_IDLE} ciphers wait here; more are left to the garbage collector. Thread-safe.
 */
final class CipherPool {

    static final int MAX_IDLE = 64;

    private final String transformation;
    private final Key zeroKey;
    private final Function<byte[], AlgorithmParameterSpec> parameters;
    private final AtomicLong scrubs = new AtomicLong();
    /** Guarded by itself: held for a push or a pop only, never while a cipher is set up. */
    private final Deque<Cipher> idle = new ArrayDeque<>();

    /**
     * @param zeroKey an all-zero key of the algorithm, which every idle cipher is set up with
     * @param parameters the algorithm's parameters for a 12-byte nonce
     */
    CipherPool(String transformation, Key zeroKey, Function<byte[], AlgorithmParameterSpec> parameters) {
        this.transformation = transformation;
        this.zeroKey = zeroKey;
        this.parameters = parameters;
    }

    /** An idle cipher, or a new one; set it up before use. */
    Cipher borrow() {
        Cipher cipher;
        synchronized (idle) {
            cipher = idle.pollFirst();
        }
        return cipher != null ? cipher : create();
    }

    /** How many ciphers are idle. */
    int idle() {
        synchronized (idle) {
            return idle.size();
        }
    }

    /** A new cipher from the JDK's providers. */
    Cipher create() {
        return Jca.engine(transformation, Cipher::getInstance);
    }

    /**
     * Takes back a cipher that finished its call, whatever the outcome: it is set up with the all-zero key, which
     * overwrites the call's key, then kept when there is room for it.
     */
    void giveBack(Cipher cipher) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, zeroKey, parameters.apply(scrubNonce()));
        } catch (GeneralSecurityException | RuntimeException refused) {
            // A broken cipher: not kept.
            return;
        }
        synchronized (idle) {
            if (idle.size() < MAX_IDLE) {
                idle.offerFirst(cipher);
            }
        }
    }

    /** {@code idle} and a counter: a nonce this pool never used before. */
    private byte[] scrubNonce() {
        long n = scrubs.incrementAndGet();
        byte[] nonce = {'i', 'd', 'l', 'e', 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[nonce.length - 1 - i] = (byte) (n >>> 8 * i);
        }
        return nonce;
    }
}
