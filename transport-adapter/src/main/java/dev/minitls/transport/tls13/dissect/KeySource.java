package dev.minitls.transport.tls13.dissect;

import java.util.Optional;

/**
 * Where the {@link Dissector} gets the keys of protected records, e.g. a key log: asked once per direction and
 * epoch, with what the hellos have said so far. No keys: the records are shown encrypted.
 */
@FunctionalInterface
public interface KeySource {

    /** No keys at all. */
    KeySource NONE = (direction, epoch, hellos) -> Optional.empty();

    Optional<Decryption> keys(Direction direction, Epoch epoch, Hellos hellos);
}
