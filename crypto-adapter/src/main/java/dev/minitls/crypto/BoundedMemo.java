package dev.minitls.crypto;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was worked out lately from some public bytes, kept by those exact bytes for the next time the same bytes come
 * (a parsed certificate, a decoded key, a signature that verified). At most {@code capacity} entries are kept; past
 * that the memo starts over, so a peer sending ever new bytes costs the work and never the memory. The keys are the
 * caller's: it must not change a key's bytes once kept. Thread-safe.
 *
 * @param <V> what is kept
 */
public final class BoundedMemo<V> {

    private final int capacity;
    private final Map<ByteBuffer, V> kept = new ConcurrentHashMap<>();

    public BoundedMemo(int capacity) {
        this.capacity = capacity;
    }

    /** What is kept for exactly {@code key}'s remaining bytes, or {@code null}. */
    public V get(ByteBuffer key) {
        return kept.get(key);
    }

    /** Keeps {@code value} for {@code key}, whose bytes nobody changes from now on; full, it starts over first. */
    public void keep(ByteBuffer key, V value) {
        if (kept.size() >= capacity) {
            kept.clear();
        }
        kept.put(key, value);
    }
}
