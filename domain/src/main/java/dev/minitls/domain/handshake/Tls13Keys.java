package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.keys.Tls13KeySchedule;
import dev.minitls.domain.keys.Tls13KeySchedule.TrafficSecret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.Tls13Records;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The TLS 1.3 handshake's keys once the shared secret is agreed (RFC 8446 section 7.1), for one suite: the two
 * handshake traffic secrets, and the master secret from which the application traffic secrets come, only with the
 * proof that the server's Finished is settled ({@link ThroughServerFinished}).
 */
final class Tls13Keys {

    private final CryptoProvider crypto;
    private final Tls13Settings.Suite suite;
    private final Tls13KeySchedule.HandshakeSecret handshakeSecret;
    private final TrafficSecret clientHandshake;
    private final TrafficSecret serverHandshake;

    /** @param throughServerHello the transcript hash ClientHello..ServerHello */
    Tls13Keys(CryptoProvider crypto, Tls13Settings.Suite suite, byte[] sharedSecret, byte[] throughServerHello) {
        this.crypto = crypto;
        this.suite = suite;
        Tls13KeySchedule.EarlySecret early = new Tls13KeySchedule(crypto, suite.hash()).earlySecret();
        this.handshakeSecret = early.handshakeSecret(sharedSecret);
        early.secret().destroy();
        this.clientHandshake = handshakeSecret.clientHandshakeTrafficSecret(throughServerHello);
        this.serverHandshake = handshakeSecret.serverHandshakeTrafficSecret(throughServerHello);
    }

    Tls13Settings.Suite suite() {
        return suite;
    }

    TrafficSecret clientHandshake() {
        return clientHandshake;
    }

    TrafficSecret serverHandshake() {
        return serverHandshake;
    }

    /** The first application traffic secret of each direction, and the exporter master secret. */
    record Application(TrafficSecret client, TrafficSecret server, Secret exporter) {

        /** Named for observers (a key log among them). */
        Map<SecretLabel, Secret> secrets() {
            Map<SecretLabel, Secret> secrets = new EnumMap<>(SecretLabel.class);
            secrets.put(SecretLabel.CLIENT_APPLICATION_TRAFFIC_SECRET_0, client.secret());
            secrets.put(SecretLabel.SERVER_APPLICATION_TRAFFIC_SECRET_0, server.secret());
            secrets.put(SecretLabel.EXPORTER_MASTER_SECRET, exporter);
            return secrets;
        }
    }

    /**
     * The application traffic secrets and the exporter master secret, over the transcript through the server's
     * Finished.
     */
    Application applicationTraffic(ThroughServerFinished proof) {
        Tls13KeySchedule.MasterSecret master = handshakeSecret.masterSecret();
        try {
            byte[] hash = proof.transcriptHash();
            return new Application(master.clientApplicationTrafficSecret(hash),
                    master.serverApplicationTrafficSecret(hash), master.exporterMasterSecret(hash));
        } finally {
            master.secret().destroy();
        }
    }

    /** The Finished MAC of {@code secret}'s side over {@code transcriptHash}; its finished key is destroyed after. */
    byte[] finishedMac(TrafficSecret secret, byte[] transcriptHash) {
        Secret finishedKey = secret.finishedKey();
        try {
            return FinishedVerified.mac(crypto, suite.hash(), finishedKey, transcriptHash);
        } finally {
            finishedKey.destroy();
        }
    }

    /**
     * Checks the peer's Finished against {@code secret}'s side over {@code transcriptHash}, in constant time; its
     * finished key is destroyed after.
     */
    FinishedVerified checkFinished(TrafficSecret secret, byte[] transcriptHash, byte[] received, String whose) {
        Secret finishedKey = secret.finishedKey();
        try {
            return FinishedVerified.check(crypto, suite.hash(), finishedKey, transcriptHash, received, whose);
        } finally {
            finishedKey.destroy();
        }
    }

    /** The record key and iv of {@code secret}, for this suite's AEAD. */
    TrafficKeys trafficKeys(TrafficSecret secret) {
        return secret.trafficKeys(suite.aead().keyLength());
    }

    /** Installs {@code secret}'s keys for reading. */
    void protectReads(Tls13Records records, TrafficSecret secret) {
        install(secret, records::protectReads);
    }

    /** Installs {@code secret}'s keys for writing. */
    void protectWrites(Tls13Records records, TrafficSecret secret) {
        install(secret, records::protectWrites);
    }

    /** Hands {@code secret}'s key and iv to the record layer, which keeps its own copies; ours are wiped. */
    private void install(TrafficSecret secret, Installer installer) {
        TrafficKeys keys = trafficKeys(secret);
        byte[] key = keys.key().bytes();
        byte[] iv = keys.iv().bytes();
        try {
            installer.install(suite.aead(), key, iv);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
            keys.destroy();
        }
    }

    private interface Installer {
        void install(AeadAlgorithm aead, byte[] key, byte[] iv);
    }

    /**
     * Destroys the handshake's secrets (the handshake secret and both handshake traffic secrets): once the
     * application keys are in place nothing needs them.
     */
    void destroyHandshakeSecrets() {
        handshakeSecret.secret().destroy();
        clientHandshake.secret().destroy();
        serverHandshake.secret().destroy();
    }

    /** The handshake secrets, named for observers (a key log among them). */
    Map<SecretLabel, Secret> handshakeSecrets() {
        Map<SecretLabel, Secret> secrets = new EnumMap<>(SecretLabel.class);
        secrets.put(SecretLabel.HANDSHAKE_SECRET, handshakeSecret.secret());
        secrets.put(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET, clientHandshake.secret());
        secrets.put(SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, serverHandshake.secret());
        return secrets;
    }
}
