package dev.minitls.domain.handshake;

import static dev.minitls.domain.trace.TraceValue.secret;

import dev.minitls.domain.keys.Secret;
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
import dev.minitls.domain.trace.TraceValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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
        List<TraceValue> secrets = List.of(
                secret("early_secret", earlySecret.secret().bytes()),
                secret("handshake_secret", handshakeSecret.secret().bytes()),
                secret("client_handshake_traffic_secret", client.secret().bytes()),
                secret("client_handshake_key", clientKeys.key().bytes()),
                secret("client_handshake_iv", clientKeys.iv().bytes()),
                secret("client_finished_key", clientFinishedKey.bytes()),
                secret("server_handshake_traffic_secret", server.secret().bytes()),
                secret("server_handshake_key", serverKeys.key().bytes()),
                secret("server_handshake_iv", serverKeys.iv().bytes()),
                secret("server_finished_key", serverFinishedKey.bytes()));
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
                return Optional.of(new DirectionalKeys(clientKeys, serverKeys, List.of()));
            }

            @Override
            public DirectionalKeys applicationTraffic(byte[] transcriptHashThroughServerFinished) {
                Tls13KeySchedule.MasterSecret master = handshakeSecret.masterSecret();
                TrafficSecret clientApplication =
                        master.clientApplicationTrafficSecret(transcriptHashThroughServerFinished);
                TrafficSecret serverApplication =
                        master.serverApplicationTrafficSecret(transcriptHashThroughServerFinished);
                TrafficKeys clientApplicationKeys = clientApplication.trafficKeys(Tls13KeySchedule.KEY_LENGTH);
                TrafficKeys serverApplicationKeys = serverApplication.trafficKeys(Tls13KeySchedule.KEY_LENGTH);
                return new DirectionalKeys(clientApplicationKeys, serverApplicationKeys, List.of(
                        secret("master_secret", master.secret().bytes()),
                        secret("client_application_traffic_secret_0", clientApplication.secret().bytes()),
                        secret("client_application_key", clientApplicationKeys.key().bytes()),
                        secret("client_application_iv", clientApplicationKeys.iv().bytes()),
                        secret("server_application_traffic_secret_0", serverApplication.secret().bytes()),
                        secret("server_application_key", serverApplicationKeys.key().bytes()),
                        secret("server_application_iv", serverApplicationKeys.iv().bytes())));
            }

            @Override
            public String derivation() {
                return "TLS 1.3 key schedule (RFC 8446 section 7.1) over the shared secret and the hellos;"
                        + " the rest of the handshake is encrypted";
            }

            @Override
            public List<TraceValue> secrets() {
                return secrets;
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
