package dev.minitls.cli.decode;

import dev.minitls.domain.handshake.Tls13Settings.Suite;
import dev.minitls.domain.keys.Tls13KeySchedule;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.transport.tls13.dissect.Decryption;
import dev.minitls.transport.tls13.dissect.Direction;
import dev.minitls.transport.tls13.dissect.Epoch;
import dev.minitls.transport.tls13.dissect.Hellos;
import dev.minitls.transport.tls13.dissect.KeySource;
import java.util.Arrays;
import java.util.Optional;

/**
 * The record keys of a connection from its key log lines (RFC 8446 section 7.3), or from any other place that has
 * its secrets by NSS label (a trace's): for the direction and epoch, the traffic secret under its NSS label for the
 * ClientHello's random, then {@code key =
 * HKDF-Expand-Label(secret, "key", "", key length)} and {@code iv = HKDF-Expand-Label(secret, "iv", "", 12)} with
 * the hash and AEAD of the suite the ServerHello chose.
 */
public final class KeyLogKeys implements KeySource {

    /** Where the secrets are: a key log's lines ({@link NssKeyLog#secret}), or those a trace was told. */
    @FunctionalInterface
    public interface Secrets {
        /** The secret logged under {@code label} for the connection of {@code clientRandom}: a copy to wipe. */
        Optional<byte[]> secret(String label, byte[] clientRandom);
    }

    private final Secrets keyLog;
    private final CryptoProvider crypto;

    public KeyLogKeys(Secrets keyLog, CryptoProvider crypto) {
        this.keyLog = keyLog;
        this.crypto = crypto;
    }

    /** The NSS label of a direction's traffic secret in an epoch, e.g. {@code SERVER_HANDSHAKE_TRAFFIC_SECRET}. */
    public static String label(Direction direction, Epoch epoch) {
        return (direction == Direction.CLIENT ? "CLIENT_" : "SERVER_")
                + (epoch == Epoch.HANDSHAKE ? "HANDSHAKE_TRAFFIC_SECRET" : "TRAFFIC_SECRET_0");
    }

    @Override
    public Optional<Decryption> keys(Direction direction, Epoch epoch, Hellos hellos) {
        Optional<Suite> suite = hellos.suite().flatMap(Suite::of);
        Optional<byte[]> random = hellos.clientRandom();
        if (suite.isEmpty() || random.isEmpty()) {
            return Optional.empty();
        }
        return keyLog.secret(label(direction, epoch), random.get()).map(secret -> {
            Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, suite.get().hash());
            byte[] key = schedule.expandLabel(secret, "key", new byte[0], suite.get().aead().keyLength());
            byte[] iv = schedule.expandLabel(secret, "iv", new byte[0], Aead.NONCE_LENGTH);
            Arrays.fill(secret, (byte) 0);
            try {
                return new Decryption(crypto.aead(suite.get().aead(), key), iv, rfcName(direction, epoch));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        });
    }

    /** The RFC 8446 name of the secret, e.g. {@code server_handshake_traffic_secret}. */
    private static String rfcName(Direction direction, Epoch epoch) {
        return direction + (epoch == Epoch.HANDSHAKE ? "_handshake_traffic_secret" : "_application_traffic_secret_0");
    }
}
