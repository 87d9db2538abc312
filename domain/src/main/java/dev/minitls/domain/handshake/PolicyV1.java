package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.keys.V1KeySchedule;
import dev.minitls.domain.keys.V1Keys;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.record.RecordFormat;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trust.LeafNames;
import java.util.Map;
import java.util.Optional;

/**
 * Protocol v1, as the original program speaks it: keys from the shared secret alone, the handshake in clear,
 * CertificateVerify over the bare transcript hash, records without associated data, no alerts.
 */
enum PolicyV1 implements VersionPolicy {
    INSTANCE;

    @Override
    public ProtocolVersion version() {
        return ProtocolVersion.V1;
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public VersionPolicy other() {
        return PolicyV2.INSTANCE;
    }

    @Override
    public String suite() {
        return "X25519";
    }

    @Override
    public MessageCodec codec(WireFormats formats) {
        return formats.v1();
    }

    @Override
    public RecordFormat recordFormat() {
        return RecordFormat.V1;
    }

    @Override
    public RecordLayer records(FrameChannel channel, MessageCodec codec, RecordSealer sealer, RecordOpener opener) {
        return new RecordLayer.V1Records(channel, codec, sealer, opener);
    }

    @Override
    public boolean hasAlerts() {
        return false;
    }

    @Override
    public LeafNames leafNames() {
        return LeafNames.SUBJECT_ALT_NAME_OR_SEED_COMMON_NAME;
    }

    @Override
    public HandshakeKeys handshakeKeys(CryptoProvider crypto, byte[] sharedSecret, byte[] helloTranscriptHash) {
        V1Keys keys = V1KeySchedule.derive(crypto, sharedSecret);
        return new HandshakeKeys() {
            @Override
            public Secret clientFinishedKey() {
                return keys.clientFinishedKey();
            }

            @Override
            public Secret serverFinishedKey() {
                return keys.serverFinishedKey();
            }

            @Override
            public Optional<DirectionalKeys> handshakeTraffic() {
                return Optional.empty();
            }

            @Override
            public DirectionalKeys applicationTraffic(ThroughServerFinished serverFinished) {
                return new DirectionalKeys(keys.clientToServer(), keys.serverToClient(), Map.of(
                        SecretLabel.CLIENT_APP_KEY, keys.clientToServer().key(),
                        SecretLabel.CLIENT_APP_IV, keys.clientToServer().iv(),
                        SecretLabel.SERVER_APP_KEY, keys.serverToClient().key(),
                        SecretLabel.SERVER_APP_IV, keys.serverToClient().iv()));
            }

            @Override
            public Map<SecretLabel, Secret> secrets() {
                return Map.of(SecretLabel.DERIVED_KEY, keys.derivedKey(),
                        SecretLabel.FINISHED_KEY_SERVER, keys.serverFinishedKey(),
                        SecretLabel.FINISHED_KEY_CLIENT, keys.clientFinishedKey());
            }

            @Override
            public void destroy() {
                keys.destroy();
            }
        };
    }

    /** The original signs the raw 32-byte transcript hash. */
    @Override
    public byte[] certificateVerifyContent(byte[] transcriptHash) {
        return transcriptHash;
    }
}
