package dev.minitls.crypto.jca;

import javax.crypto.Cipher;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle ciphers of one transformation ({@code AES/GCM/NoPadding}, {@code ChaCha20-Poly1305}), shared by every
 * {@link JcaAead} of it. Looking a cipher up in the JDK's providers costs more than sealing a small record, and a
 * handshake makes four keys on each side, each used for a few records only: borrowing an idle cipher and setting it
 * up for the call is cheaper. Last in, first out, so a thread that seals record after record under one key gets
 * back the cipher that still holds that key's schedule.
 *
 * <p>At most {@link #MAX_IDLE} ciphers wait here; more are left to the garbage collector. Thread-safe.
 */
final class CipherPool {

    static final int MAX_IDLE = 64;

    private final String transformation;
    private final Deque<Cipher> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    CipherPool(String transformation) {
        this.transformation = transformation;
    }

    /** An idle cipher, or a new one; set it up before use. */
    Cipher borrow() {
        Cipher cipher = idle.pollFirst();
        if (cipher == null) {
            return create();
        }
        idleCount.decrementAndGet();
        return cipher;
    }

    /** A new cipher from the JDK's providers. */
    Cipher create() {
        return Jca.engine(transformation, Cipher::getInstance);
    }

    /** Takes back a cipher that finished its call (or failed only its tag check), when there is room for it. */
    void giveBack(Cipher cipher) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offerFirst(cipher);
        } else {
            idleCount.decrementAndGet();
        }
    }
}
