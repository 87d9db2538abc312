package dev.minitls.crypto.jca;

import javax.crypto.Cipher;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle {@code AES/GCM/NoPadding} ciphers, shared by every {@link AesGcm}. Looking a cipher up in the JDK's providers
 * costs more than sealing a small record, and a handshake makes four keys on each side, each used for a few records
 * only: borrowing an idle cipher and setting it up for the call is cheaper. Last in, first out, so a thread that
 * seals record after record under one key gets back the cipher that still holds that key's AES schedule.
 *
 * <p>At most {@link #MAX_IDLE} ciphers wait here; more are left to the garbage collector. Thread-safe.
 */
final class GcmCiphers {

    static final int MAX_IDLE = 64;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final Deque<Cipher> IDLE = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();

    private GcmCiphers() {
    }

    /** An idle cipher, or a new one; set it up before use. */
    static Cipher borrow() {
        Cipher cipher = IDLE.pollFirst();
        if (cipher == null) {
            return create();
        }
        IDLE_COUNT.decrementAndGet();
        return cipher;
    }

    /** A new cipher from the JDK's providers. */
    static Cipher create() {
        return Jca.engine(TRANSFORMATION, Cipher::getInstance);
    }

    /** Takes back a cipher that finished its call (or failed only its tag check), when there is room for it. */
    static void giveBack(Cipher cipher) {
        if (IDLE_COUNT.incrementAndGet() <= MAX_IDLE) {
            IDLE.offerFirst(cipher);
        } else {
            IDLE_COUNT.decrementAndGet();
        }
    }
}
