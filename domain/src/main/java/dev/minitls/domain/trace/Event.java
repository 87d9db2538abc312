package dev.minitls.domain.trace;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Hello;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.HandshakeType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened, as values: the messages, keys, certificates and records involved, never prose (observers in the cli
 * put it in words). Each event belongs to one of the seed's steps. A new protocol adds its events here.
 */
public sealed interface Event {

    /** The seed's step this event belongs to. */
    Step step();

    // Steps 1 to 4: before any connection, reported by the commands.

    /** Step 1: a Root CA and a server certificate issued, keys and all, into {@code directory}. */
    record CertificatesIssued(String directory, Certificate root, Certificate server) implements Event {
        @Override
        public Step step() {
            return Step.CERTIFICATES;
        }
    }

    /** Step 2: the certificate a side will use: the server's own, or the Root CA the client trusts. */
    record CertificateLoaded(Certificate certificate) implements Event {
        @Override
        public Step step() {
            return Step.CERTIFICATE_CONTENTS;
        }
    }

    /** Step 3: the server listens on {@code host:port}. */
    record Listening(String host, int port) implements Event {
        @Override
        public Step step() {
            return Step.LISTEN;
        }
    }

    /** Step 4: the client connects to {@code host:port}. */
    record Connecting(String host, int port) implements Event {
        @Override
        public Step step() {
            return Step.CONNECT;
        }
    }

    // Steps 5 to 14: the handshake. A message that travelled in a record (v2) carries it.

    /** Step 5 or 7: this side sent its hello. */
    record HelloSent(Hello hello) implements Event {
        @Override
        public Step step() {
            return helloStep(hello);
        }
    }

    /** Step 5 or 7: this side received the peer's hello, and its version, suite, random and key share are valid. */
    record HelloReceived(Hello hello) implements Event {
        @Override
        public Step step() {
            return helloStep(hello);
        }
    }

    /** Step 6: the message of {@code type} sent by {@code sender} entered the transcript, whose hash is now this. */
    record TranscriptUpdated(MessageType type, Side sender, byte[] transcriptHash) implements Event {
        @Override
        public Step step() {
            return Step.TRANSCRIPT;
        }
    }

    /**
     * Step 8: the key agreement of this side's private key and the peer's key share, in {@code group}.
     *
     * @param sharedSecret a copy, the observer's own: minitls wipes its own shared secret once the handshake keys
     *     exist, never this one
     * @param group X25519 in v1 and v2; the negotiated group in tls13
     */
    record SharedSecretAgreed(Secret sharedSecret, KeyExchangeGroup group) implements Event {

        public SharedSecretAgreed {
            sharedSecret = sharedSecret.copy();
        }

        /** An X25519 agreement, as v1 and v2 make. */
        public SharedSecretAgreed(Secret sharedSecret) {
            this(sharedSecret, KeyExchangeGroup.X25519);
        }

        @Override
        public Step step() {
            return Step.SHARED_SECRET;
        }
    }

    /**
     * Step 9 (the handshake's secrets) or 15 (the application's, now in use), in the order of their labels.
     *
     * @param phase which keys these are
     * @param secrets every secret and key derived, named by label: copies, the observer's own (minitls wipes its own
     *     when the handshake ends, and the record keys when the session ends, never these), so that an observer that
     *     keeps the event can still read them later
     */
    record SecretsDerived(Phase phase, Map<SecretLabel, Secret> secrets) implements Event {

        /** The keys for the rest of the handshake, or for application data. */
        public enum Phase {
            HANDSHAKE, APPLICATION
        }

        public SecretsDerived {
            Objects.requireNonNull(phase, "phase");
            if (secrets.isEmpty()) {
                secrets = Map.of();
            } else {
                EnumMap<SecretLabel, Secret> copies = new EnumMap<>(secrets);
                copies.replaceAll((label, secret) -> secret.copy());
                secrets = Collections.unmodifiableMap(copies);
            }
        }

        @Override
        public Step step() {
            return phase == Phase.HANDSHAKE ? Step.HANDSHAKE_KEY : Step.APPLICATION_DATA;
        }
    }

    /** Step 10, on the server: it sent its certificate, as the PEM text it holds. */
    record CertificateSent(byte[] pem, Optional<TracedRecord> record) implements Event {
        @Override
        public Step step() {
            return Step.CERTIFICATE;
        }
    }

    /** Step 10, on the client: it received and parsed the server's certificate. */
    record CertificateReceived(Certificate certificate, byte[] pem, Optional<TracedRecord> record) implements Event {
        @Override
        public Step step() {
            return Step.CERTIFICATE;
        }
    }

    /**
     * Step 11: the certificate was issued by the trusted root, its signature verifies with the root's key, it is
     * valid now and issued to {@code serverName}.
     */
    record CertificateChecked(Certificate certificate, Certificate trustedRoot, String serverName) implements Event {
        @Override
        public Step step() {
            return Step.VERIFY_CERTIFICATE;
        }
    }

    /** Step 12, on the server: it signed the transcript with its certificate's Ed25519 key. */
    record TranscriptSigned(byte[] signedContent, byte[] signature, Optional<TracedRecord> record)
            implements Event {
        @Override
        public Step step() {
            return Step.CERTIFICATE_VERIFY;
        }
    }

    /** Step 13, on the client: the server's Ed25519 signature verifies with the certificate's key. */
    record SignatureChecked(byte[] signedContent, byte[] signature, byte[] publicKey, Optional<TracedRecord> record)
            implements Event {
        @Override
        public Step step() {
            return Step.VERIFY_CERTIFICATE_VERIFY;
        }
    }

    /** Step 14: this side sent its Finished MAC, HMAC-SHA256 of its finished key and the transcript hash. */
    record FinishedSent(byte[] mac, Optional<TracedRecord> record) implements Event {
        @Override
        public Step step() {
            return Step.FINISHED;
        }
    }

    /** Step 14: the peer's Finished MAC matches this side's transcript. */
    record FinishedChecked(byte[] mac, Optional<TracedRecord> record) implements Event {
        @Override
        public Step step() {
            return Step.FINISHED;
        }
    }

    /**
     * TLS 1.3, steps 5 to 15: this side sent a handshake message (a hello, a HelloRetryRequest, EncryptedExtensions,
     * Certificate, CertificateVerify, Finished, KeyUpdate), at the step where it belongs.
     */
    record Tls13MessageSent(HandshakeMessage message) implements Event {
        @Override
        public Step step() {
            return tls13Step(message);
        }
    }

    /** TLS 1.3: this side received a handshake message and checked what that message alone lets it check. */
    record Tls13MessageReceived(HandshakeMessage message) implements Event {
        @Override
        public Step step() {
            return tls13Step(message);
        }
    }

    /**
     * TLS 1.3: a record exactly as this side put it on the wire, header and (protected or not) fragment, told only
     * when someone observes. Its step is that of the handshake message it carries, the last one when it carries
     * several (the messages of a flight under one key share records, which leave once the flight is complete), or
     * step 15 for application data, alerts and records after the handshake.
     *
     * @param step the step the record belongs to
     * @param wire the record's bytes: the 5-byte header, then the fragment
     */
    record Tls13RecordSent(Step step, byte[] wire) implements Event {
        public Tls13RecordSent {
            Objects.requireNonNull(step, "step");
            wire = wire.clone();
        }

        @Override
        public byte[] wire() {
            return wire.clone();
        }
    }

    /**
     * TLS 1.3: a record exactly as it came off the wire, told just before the first handshake message it completes
     * (a record holding part of a message is told with the record that completes it), or when its application data
     * or alert is read.
     *
     * @param step the step of the first message it completes, or step 15
     * @param wire the record's bytes: the 5-byte header, then the fragment
     */
    record Tls13RecordReceived(Step step, byte[] wire) implements Event {
        public Tls13RecordReceived {
            Objects.requireNonNull(step, "step");
            wire = wire.clone();
        }

        @Override
        public byte[] wire() {
            return wire.clone();
        }
    }

    /**
     * The handshake failed at {@code step}, the one this side was attempting.
     *
     * @param reason the failure's message, one line for a human
     * @param alert the alert sent, or empty when the connection was closed without one
     * @param record the record the alert went out in
     */
    record HandshakeFailed(Step step, Failure failure, String reason, Optional<Alert> alert,
            Optional<TracedRecord> record) implements Event {
    }

    // Step 15: the session.

    /** What happens in a session, after the handshake: all of it is step 15. */
    sealed interface SessionEvent extends Event {
        @Override
        default Step step() {
            return Step.APPLICATION_DATA;
        }
    }

    /** This side sent {@code length} bytes of application data in {@code record}. */
    record DataSent(int length, TracedRecord record) implements SessionEvent {
    }

    /** This side received {@code length} bytes of application data in {@code record}. */
    record DataReceived(int length, TracedRecord record) implements SessionEvent {
    }

    /** This side ended the session with {@code alert} (close_notify). */
    record AlertSent(Alert alert, Optional<TracedRecord> record) implements SessionEvent {
    }

    /** The peer ended the session with {@code alert} (close_notify). */
    record AlertReceived(Alert alert, Optional<TracedRecord> record) implements SessionEvent {
    }

    /** The session failed after the handshake; as {@link HandshakeFailed}. */
    record SessionFailed(Failure failure, String reason, Optional<Alert> alert, Optional<TracedRecord> record)
            implements SessionEvent {
    }

    /**
     * The step of a TLS 1.3 message: EncryptedExtensions is the first message under the handshake keys (9),
     * HelloRetryRequest is a ServerHello (7), KeyUpdate and NewSessionTicket come with the application data (15).
     */
    static Step tls13Step(HandshakeMessage message) {
        // Not a switch: a switch on an enum compiles to a helper class, and this package holds values only.
        HandshakeType type = message.type();
        if (type == HandshakeType.CLIENT_HELLO) {
            return Step.CLIENT_HELLO;
        }
        if (type == HandshakeType.SERVER_HELLO) {
            return Step.SERVER_HELLO;
        }
        if (type == HandshakeType.ENCRYPTED_EXTENSIONS) {
            return Step.HANDSHAKE_KEY;
        }
        if (type == HandshakeType.CERTIFICATE) {
            return Step.CERTIFICATE;
        }
        if (type == HandshakeType.CERTIFICATE_VERIFY) {
            return Step.CERTIFICATE_VERIFY;
        }
        return type == HandshakeType.FINISHED ? Step.FINISHED : Step.APPLICATION_DATA;
    }

    private static Step helloStep(Hello hello) {
        return hello instanceof ClientHello ? Step.CLIENT_HELLO : Step.SERVER_HELLO;
    }
}
