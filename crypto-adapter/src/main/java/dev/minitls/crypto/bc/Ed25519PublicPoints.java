package dev.minitls.crypto.bc;

import dev.minitls.crypto.BoundedMemo;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Decoded Ed25519 public keys, kept for the next verification with the same key. Decoding a key (a square root in
 * the field) is about a sixth of a verification, and a client verifies with the same two keys on every handshake:
 * its trusted root's and, usually, the server's.
 *
 * <p>A key is decoded with the very checks {@link Ed25519#verify(byte[], int, byte[], int, byte[], int, int)}
 * makes on it (canonical, not of small order, on the curve), so verifying with the decoded point accepts exactly
 * the signatures verifying with the bytes accepts. A key that fails them is remembered as such. At most
 * {@link #MAX_KEYS} keys are kept; past that the cache starts over, so a peer sending ever new keys costs nothing
 * but the decoding. Thread-safe.
 */
final class Ed25519PublicPoints {

    static final int MAX_KEYS = 64;

    private final BoundedMemo<Optional<Ed25519.PublicPoint>> points = new BoundedMemo<>(MAX_KEYS);

    /** The decoded key, empty when {@code publicKey} (32 bytes) is not a usable Ed25519 public key. */
    Optional<Ed25519.PublicPoint> of(byte[] publicKey) {
        ByteBuffer key = ByteBuffer.wrap(publicKey.clone());
        Optional<Ed25519.PublicPoint> point = points.get(key);
        if (point == null) {
            point = Optional.ofNullable(Ed25519.validatePublicKeyPartialExport(publicKey, 0));
            points.keep(key, point);
        }
        return point;
    }
}
