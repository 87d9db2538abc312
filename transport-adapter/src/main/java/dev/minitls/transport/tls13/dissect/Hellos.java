package dev.minitls.transport.tls13.dissect;

import dev.minitls.domain.tls13.CipherSuite;
import java.util.Optional;

/**
 * What the clear hellos of a connection say that decryption needs: the ClientHello's random (the key log's key)
 * and the ServerHello's cipher suite. A stream of one direction holds one of them; the other comes from the other
 * direction's stream.
 *
 * @param clientRandom the 32 bytes of the ClientHello's random, when seen
 * @param suite the cipher suite the ServerHello chose, when seen
 */
public record Hellos(Optional<byte[]> clientRandom, Optional<CipherSuite> suite) {

    /** Nothing known yet. */
    public static final Hellos NONE = new Hellos(Optional.empty(), Optional.empty());

    public Hellos {
        clientRandom = clientRandom.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> clientRandom() {
        return clientRandom.map(byte[]::clone);
    }

    /** What this and {@code other} know together, this one's values first. */
    public Hellos and(Hellos other) {
        return new Hellos(clientRandom.or(other::clientRandom), suite.or(other::suite));
    }

    Hellos withClientRandom(byte[] random) {
        return new Hellos(Optional.of(random), suite);
    }

    Hellos withSuite(CipherSuite chosen) {
        return new Hellos(clientRandom, Optional.of(chosen));
    }
}
