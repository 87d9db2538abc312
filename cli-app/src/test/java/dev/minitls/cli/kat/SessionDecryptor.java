package dev.minitls.cli.kat;

import dev.minitls.domain.handshake.Transcript;
import dev.minitls.domain.keys.Tls13KeySchedule;
import dev.minitls.domain.keys.Tls13KeySchedule.EarlySecret;
import dev.minitls.domain.keys.Tls13KeySchedule.HandshakeSecret;
import dev.minitls.domain.keys.Tls13KeySchedule.MasterSecret;
import dev.minitls.domain.keys.Tls13KeySchedule.TrafficSecret;
import dev.minitls.domain.keys.TrafficKeys;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.record.ContentType;
import dev.minitls.domain.record.RecordFormat;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.trace.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a recorded v2 session as an observer holding the client's ephemeral private key could, with the
 * implementation's own parts: the X25519 agreement, {@link Tls13KeySchedule} for every secret, {@link RecordOpener}
 * for every record, {@link Transcript} over the handshake lines found inside. Each direction uses its handshake keys
 * until it has sent its Finished, then its application keys (docs/PROTOCOL.md, "Order").
 */
final class SessionDecryptor {

    /** A handshake message as the transcript took it, and the transcript hash right after it. */
    record HandshakeLine(Side from, String message, byte[] line, byte[] transcriptHash) {
    }

    /** What one record holds: the keys it was opened with, its sequence number, its inner plaintext. */
    record OpenedRecord(String keys, long sequence, ContentType contentType, byte[] innerPlaintext) {
    }

    /**
     * Everything read from the wire.
     *
     * @param handshake the handshake lines in transcript order
     * @param records for each frame of the wire, what it held when it is a record
     * @param secrets every secret, key, IV and finished key, by their RFC 8446 names, in derivation order
     * @param signature the CertificateVerify signature
     * @param verifyData each side's Finished verify_data
     */
    record Result(List<HandshakeLine> handshake, List<Optional<OpenedRecord>> records, Map<String, byte[]> secrets,
            byte[] signature, Map<Side, byte[]> verifyData) {
    }

    /** The keys one direction reads with now. */
    private record Protection(String name, RecordOpener opener) {
    }

    private final CryptoProvider crypto;
    private final MessageCodec codec = V2Session.FORMATS.v2();
    private final Transcript transcript;
    private final Tls13KeySchedule schedule;
    private final List<HandshakeLine> handshake = new ArrayList<>();
    private final Map<String, byte[]> secrets = new LinkedHashMap<>();
    private final Map<Side, Protection> current = new EnumMap<>(Side.class);
    private final Map<Side, Protection> application = new EnumMap<>(Side.class);
    private final Map<Side, byte[]> verifyData = new EnumMap<>(Side.class);
    private HandshakeSecret handshakeSecret;
    private byte[] signature;

    private SessionDecryptor(CryptoProvider crypto) {
        this.crypto = crypto;
        this.transcript = new Transcript(crypto);
        this.schedule = new Tls13KeySchedule(crypto, HashAlgorithm.SHA256);
    }

    /**
     * Reads {@code wire}, which must open with the ClientHello and the ServerHello in clear.
     *
     * @throws IllegalStateException when the wire is not such a session
     */
    static Result decrypt(List<WireFrame> wire, byte[] clientEphemeralPrivateKey, CryptoProvider crypto) {
        return new SessionDecryptor(crypto).read(wire, clientEphemeralPrivateKey);
    }

    private Result read(List<WireFrame> wire, byte[] clientEphemeralPrivateKey) {
        if (wire.size() < 2 || wire.get(0).from() != Side.CLIENT || wire.get(1).from() != Side.SERVER) {
            throw new IllegalStateException("a session opens with the client's hello, then the server's");
        }
        decodeClear(wire.get(0), MessageType.CLIENT_HELLO, ClientHello.class);
        ServerHello serverHello = decodeClear(wire.get(1), MessageType.SERVER_HELLO, ServerHello.class);
        startHandshakeKeys(crypto.x25519(clientEphemeralPrivateKey, serverHello.ephemeralPublicKey()));

        List<Optional<OpenedRecord>> records = new ArrayList<>(List.of(Optional.empty(), Optional.empty()));
        for (WireFrame frame : wire.subList(2, wire.size())) {
            records.add(Optional.of(open(frame)));
        }
        if (signature == null || verifyData.size() != 2) {
            throw new IllegalStateException("the session has no CertificateVerify or not both Finished messages");
        }
        return new Result(List.copyOf(handshake), List.copyOf(records), secrets, signature, verifyData);
    }

    private <T extends Message> T decodeClear(WireFrame frame, MessageType expected, Class<T> type) {
        Message message = codec.decode(frame.line(), expected);
        if (!type.isInstance(message)) {
            throw new IllegalStateException("expected a " + type.getSimpleName() + " in clear, got "
                    + message.type().wireName());
        }
        addToTranscript(frame.from(), message, frame.line());
        return type.cast(message);
    }

    /** The handshake secrets, over the transcript ClientHello..ServerHello. */
    private void startHandshakeKeys(byte[] sharedSecret) {
        secrets.put("shared_secret", sharedSecret);
        EarlySecret early = schedule.earlySecret();
        secrets.put("early_secret", early.secret().bytes());
        handshakeSecret = early.handshakeSecret(sharedSecret);
        secrets.put("handshake_secret", handshakeSecret.secret().bytes());
        byte[] helloHash = transcript.hash();
        TrafficSecret client = handshakeSecret.clientHandshakeTrafficSecret(helloHash);
        TrafficSecret server = handshakeSecret.serverHandshakeTrafficSecret(helloHash);
        current.put(Side.CLIENT, protection(Side.CLIENT, "handshake", client, "client_handshake_traffic_secret"));
        current.put(Side.SERVER, protection(Side.SERVER, "handshake", server, "server_handshake_traffic_secret"));
        secrets.put("client_finished_key", client.finishedKey().bytes());
        secrets.put("server_finished_key", server.finishedKey().bytes());
    }

    /** The application secrets, over the transcript ClientHello..server Finished. */
    private void deriveApplicationKeys() {
        MasterSecret master = handshakeSecret.masterSecret();
        secrets.put("master_secret", master.secret().bytes());
        byte[] hash = transcript.hash();
        application.put(Side.CLIENT, protection(Side.CLIENT, "application",
                master.clientApplicationTrafficSecret(hash), "client_application_traffic_secret_0"));
        application.put(Side.SERVER, protection(Side.SERVER, "application",
                master.serverApplicationTrafficSecret(hash), "server_application_traffic_secret_0"));
    }

    /** Records {@code secret} and its key and IV; returns an opener for the records it protects. */
    private Protection protection(Side side, String stage, TrafficSecret secret, String secretName) {
        String name = side.label() + "_" + stage;
        TrafficKeys keys = secret.trafficKeys(Tls13KeySchedule.KEY_LENGTH);
        secrets.put(secretName, secret.secret().bytes());
        secrets.put(name + "_key", keys.key().bytes());
        secrets.put(name + "_iv", keys.iv().bytes());
        return new Protection(name, new RecordOpener(crypto, keys, RecordFormat.V2));
    }

    private OpenedRecord open(WireFrame frame) {
        Message message = codec.decode(frame.line(), MessageType.APPLICATION_RECORD);
        if (!(message instanceof ApplicationRecord record)) {
            throw new IllegalStateException("expected a record from the " + frame.from().label() + ", got "
                    + message.type().wireName());
        }
        Protection protection = current.get(frame.from());
        byte[] inner = protection.opener().open(record);
        ContentType type = inner.length == 0 ? null : ContentType.fromCode(inner[inner.length - 1]).orElse(null);
        if (type == null) {
            throw new IllegalStateException("record " + record.sequence() + " from the " + frame.from().label()
                    + " has no content type");
        }
        if (type == ContentType.HANDSHAKE) {
            onHandshake(frame.from(), Arrays.copyOf(inner, inner.length - 1));
        }
        return new OpenedRecord(protection.name(), record.sequence(), type, inner);
    }

    private void onHandshake(Side from, byte[] line) {
        // A v2 line names its type: the codec does not consult the expected type.
        Message message = codec.decode(line, MessageType.FINISHED);
        addToTranscript(from, message, line);
        if (message instanceof CertificateVerify verify) {
            signature = verify.signature();
        } else if (message instanceof Finished finished) {
            verifyData.put(from, finished.mac());
            if (from == Side.SERVER) {
                deriveApplicationKeys();
            }
            Protection next = application.get(from);
            if (next == null) {
                throw new IllegalStateException("the client's Finished came before the server's");
            }
            current.put(from, next);
        }
    }

    private void addToTranscript(Side from, Message message, byte[] line) {
        transcript.add(line);
        handshake.add(new HandshakeLine(from, message.type().wireName(), line, transcript.hash()));
    }
}
