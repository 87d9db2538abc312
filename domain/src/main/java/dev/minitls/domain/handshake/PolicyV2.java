package dev.minitls.domain.handshake;

import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.keys.Tls13KeySchedule;
import dev.minitls.domain.keys.Tls13KeySchedule.EarlySecret;
import dev.minitls.domain.keys.Tls13KeySchedule.HandshakeSecret;
import dev.minitls.domain.keys.Tls13KeySchedule.TrafficSecret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.record.RecordFormat;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trust.LeafNames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Protocol v2: TLS 1.3's key schedule, the handshake encrypted after the ServerHello, a CertificateVerify over a
 * context string, records with associated data and a hidden content type, alerts and close_notify.
 */
enum PolicyV2 implements VersionPolicy {
    INSTANCE;

    /** Names this protocol, so a minitls signature can never pass for a TLS 1.3 one (docs/PROTOCOL.md). */
    static final String CERTIFICATE_VERIFY_CONTEXT = "minitls v2, server CertificateVerify";

    @Override
    public ProtocolVersion version() {
        return ProtocolVersion.V2;
    }

    @Override
    public int number() {
        return 2;
    }

    @Override
    public VersionPolicy other() {
        return PolicyV1.INSTANCE;
    }

    @Override
    public String suite() {
        return "X25519_AES256GCM_SHA256";
    }

    @Override
    public MessageCodec codec(WireFormats formats) {
        return formats.v2();
    }

    @Override
    public RecordFormat recordFormat() {
        return RecordFormat.V2;
    }

    @Override
    public RecordLayer records(FrameChannel channel, MessageCodec codec, RecordSealer sealer, RecordOpener opener) {
        return new RecordLayer.V2Records(channel, codec, sealer, opener);
    }

    @Override
    public boolean hasAlerts() {
        return true;
    }

    @Override
    public LeafNames leafNames() {
        return LeafNames.SUBJECT_ALT_NAME;
    }

    @Override
    public HandshakeKeys handshakeKeys(CryptoProvider crypto, byte[] sharedSecret, byte[] helloTranscriptHash) {
        Tls13KeySchedule schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
        EarlySecret earlySecret = schedule.earlySecret();
        HandshakeSecret handshakeSecret = earlySecret.handshakeSecret(sharedSecret);
        TrafficSecret client = handshakeSecret.clientHandshakeTrafficSecret(helloTranscriptHash);
        TrafficSecret server = handshakeSecret.serverHandshakeTrafficSecret(helloTranscriptHash);
        TrafficKeys clientKeys = client.trafficKeys(Tls13KeySchedule.KEY_LENGTH);
        TrafficKeys serverKeys = server.trafficKeys(Tls13KeySchedule.KEY_LENGTH);
        Secret clientFinishedKey = client.finishedKey();
        Secret serverFinishedKey = server.finishedKey();
        Map<SecretLabel, Secret> secrets = Map.of(
                SecretLabel.EARLY_SECRET, earlySecret.secret(),
                SecretLabel.HANDSHAKE_SECRET, handshakeSecret.secret(),
                SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET, client.secret(),
                SecretLabel.CLIENT_HANDSHAKE_KEY, clientKeys.key(),
                SecretLabel.CLIENT_HANDSHAKE_IV, clientKeys.iv(),
                SecretLabel.CLIENT_FINISHED_KEY, clientFinishedKey,
                SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, server.secret(),
                SecretLabel.SERVER_HANDSHAKE_KEY, serverKeys.key(),
                SecretLabel.SERVER_HANDSHAKE_IV, serverKeys.iv(),
                SecretLabel.SERVER_FINISHED_KEY, serverFinishedKey);
        return new HandshakeKeys() {
            @Override
            public Secret clientFinishedKey() {
                return clientFinishedKey;
            }

            @Override
            public Secret serverFinishedKey() {
                return serverFinishedKey;
            }

            @Override
            public Optional<DirectionalKeys> handshakeTraffic() {
                return Optional.of(new DirectionalKeys(clientKeys, serverKeys, Map.of()));
            }

            @Override
            public DirectionalKeys applicationTraffic(ThroughServerFinished serverFinished) {
                byte[] transcriptHashThroughServerFinished = serverFinished.transcriptHash();
                Tls13KeySchedule.MasterSecret master = handshakeSecret.masterSecret();
                TrafficSecret clientApplication =
                        master.clientApplicationTrafficSecret(transcriptHashThroughServerFinished);
                TrafficSecret serverApplication =
                        master.serverApplicationTrafficSecret(transcriptHashThroughServerFinished);
                TrafficKeys clientApplicationKeys = clientApplication.trafficKeys(Tls13KeySchedule.KEY_LENGTH);
                TrafficKeys serverApplicationKeys = serverApplication.trafficKeys(Tls13KeySchedule.KEY_LENGTH);
                return new DirectionalKeys(clientApplicationKeys, serverApplicationKeys, Map.of(
                        SecretLabel.MASTER_SECRET, master.secret(),
                        SecretLabel.CLIENT_APPLICATION_TRAFFIC_SECRET_0, clientApplication.secret(),
                        SecretLabel.CLIENT_APPLICATION_KEY, clientApplicationKeys.key(),
                        SecretLabel.CLIENT_APPLICATION_IV, clientApplicationKeys.iv(),
                        SecretLabel.SERVER_APPLICATION_TRAFFIC_SECRET_0, serverApplication.secret(),
                        SecretLabel.SERVER_APPLICATION_KEY, serverApplicationKeys.key(),
                        SecretLabel.SERVER_APPLICATION_IV, serverApplicationKeys.iv()));
            }

            @Override
            public Map<SecretLabel, Secret> secrets() {
                return secrets;
            }

            @Override
            public void destroy() {
                secrets.values().forEach(Secret::destroy);
            }
        };
    }

    /** RFC 8446 section 4.4.3: 64 spaces, the context string, a zero byte, the transcript hash. */
    @Override
    public byte[] certificateVerifyContent(byte[] transcriptHash) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] spaces = new byte[64];
        Arrays.fill(spaces, (byte) 0x20);
        content.writeBytes(spaces);
        content.writeBytes(CERTIFICATE_VERIFY_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        content.write(0);
        content.writeBytes(transcriptHash);
        return content.toByteArray();
    }
}
