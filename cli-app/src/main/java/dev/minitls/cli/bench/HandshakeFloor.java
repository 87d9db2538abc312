package dev.minitls.cli.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The fastest a full handshake can be on one core with a provider: the time of its public-key operations alone,
 * both sides together. A handshake makes two X25519 key pairs and agreements (one per side), one Ed25519 signature
 * (CertificateVerify) and two verifications (the certificate's signature and CertificateVerify). Everything else
 * (hashes, HKDF, HMAC, records, parsing, sockets) is overhead over this floor.
 *
 * @param provider the provider's name
 * @param micros microseconds of public-key work per handshake
 */
public record HandshakeFloor(String provider, double micros) {

    /** How many of each primitive one handshake needs. */
    public static final Map<Primitive, Integer> PER_HANDSHAKE =
            Map.of(Primitive.X25519, 2, Primitive.ED25519_SIGN, 1, Primitive.ED25519_VERIFY, 2);

    /** The primitives to measure for the floor. */
    public static final List<Primitive> PRIMITIVES =
            List.of(Primitive.X25519, Primitive.ED25519_SIGN, Primitive.ED25519_VERIFY);

    /**
     * The floor of {@code provider} from figures that include every primitive of {@link #PRIMITIVES}, the fastest
     * figure of each where there are several (a floor is the least the work can cost).
     */
    public static HandshakeFloor of(String provider, List<Figure> figures) {
        double micros = 0;
        for (Primitive primitive : PRIMITIVES) {
            Figure figure = figures.stream()
                    .filter(f -> f.provider().equals(provider) && f.primitive() == primitive)
                    .min(Comparator.comparingDouble(f -> f.rate().micros()))
                    .orElseThrow(() -> new IllegalArgumentException("no " + primitive.id() + " figure for "
                            + provider));
            micros += PER_HANDSHAKE.get(primitive) * figure.rate().micros();
        }
        return new HandshakeFloor(provider, micros);
    }

    /** Handshakes per second on one core if nothing but the public-key work cost anything. */
    public double perSecond() {
        return 1e6 / micros;
    }

    public String json() {
        return new JsonLine()
                .put("impl", "minitls")
                .put("bench", "speed")
                .put("provider", provider)
                .put("primitive", "handshake-floor")
                .put("ops_per_s", perSecond())
                .put("us_per_op", micros)
                .toString();
    }
}
