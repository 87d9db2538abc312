package dev.minitls.cli.trace;

import static dev.minitls.cli.trace.TraceValue.open;
import static dev.minitls.cli.trace.TraceValue.secret;
import static dev.minitls.cli.trace.TraceValue.text;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Hello;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.KeyUpdate;
import dev.minitls.domain.tls13.NewSessionTicket;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TracedRecord;
import dev.minitls.transport.tls13.dissect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An event put in words, as every printer shows it: the step, what happened in a few words, and the values involved
 * in the order they are best read, each named and marked secret where it is key material. This is the one place
 * that knows how minitls tells its steps; the printers only lay it out.
 *
 * <p>What a peer chose (a name in its certificate, the server name in a ClientHello) enters a description through
 * {@link PeerText#quote}. Values keep the text as it came, for the JSON trace; the printers show them through
 * {@link PeerText#escape}.
 *
 * @param side the end it happened on
 * @param peer the other end's address, empty before there is a connection
 * @param step the seed's step it belongs to
 * @param description what happened, in a few words
 * @param values the values involved, in the order they are best read
 * @param fields a TLS 1.3 record's bytes field by field, as {@code minitls decode} dissects them (a record event
 *     told by a printer that shows them, {@link RecordView}); empty for every other event
 */
public record Narration(Side side, String peer, Step step, String description, List<TraceValue> values,
        List<Field> fields) {

    public Narration {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(description, "description");
        values = List.copyOf(values);
        fields = List.copyOf(fields);
    }

    /** An event without fields. */
    public Narration(Side side, String peer, Step step, String description, List<TraceValue> values) {
        this(side, peer, step, description, values, List.of());
    }

    /** This narration with a record's {@code fields}. */
    public Narration withFields(List<Field> recordFields) {
        return new Narration(side, peer, step, description, values, recordFields);
    }

    /** {@code event} in words. */
    public static Narration of(TraceEvent event) {
        Told told = tell(event.side(), event.event());
        return new Narration(event.side(), event.peer(), event.step(), told.description, told.values);
    }

    /** The step's title, as the seed names it. */
    public static String title(Step step) {
        return switch (step) {
            case CERTIFICATES -> "certificates";
            case CERTIFICATE_CONTENTS -> "what is inside the certificates";
            case LISTEN -> "server listens";
            case CONNECT -> "client connects";
            case CLIENT_HELLO -> "ClientHello";
            case TRANSCRIPT -> "transcript hash";
            case SERVER_HELLO -> "ServerHello";
            case SHARED_SECRET -> "X25519 shared secret";
            case HANDSHAKE_KEY -> "HKDF handshake key";
            case CERTIFICATE -> "server certificate";
            case VERIFY_CERTIFICATE -> "certificate check against the Root CA";
            case CERTIFICATE_VERIFY -> "CertificateVerify";
            case VERIFY_CERTIFICATE_VERIFY -> "CertificateVerify check";
            case FINISHED -> "Finished";
            case APPLICATION_DATA -> "application data";
        };
    }

    /** A description and its values, before the record the content travelled in (if any) is added. */
    private record Told(String description, List<TraceValue> values) {

        Told(String description, TraceValue... values) {
            this(description, List.of(values));
        }

        /** These values, then those of {@code record}. */
        Told in(Optional<TracedRecord> record) {
            List<TraceValue> all = new ArrayList<>(values);
            record.ifPresent(r -> all.addAll(List.of(text("record seq", Long.toString(r.sequence())),
                    secret("record nonce", r.nonce().bytes()), open("record ciphertext", r.ciphertext()),
                    open("record plaintext", r.plaintext()))));
            return new Told(description, all);
        }
    }

    private static Told tell(Side side, Event event) {
        String us = side.label();
        String peer = side == Side.CLIENT ? "server" : "client";
        if (event instanceof Event.CertificatesIssued issued) {
            return new Told("Root CA and server " + issued.server().keyAlgorithm()
                    + " key pairs and certificates (the server's signed by the Root CA) written to "
                    + issued.directory(), open("Root CA public key", issued.root().publicKey()),
                    open("server public key", issued.server().publicKey()));
        }
        if (event instanceof Event.CertificateLoaded loaded) {
            return new Told(side == Side.SERVER ? "the server certificate it will send"
                    : "the Root CA certificate it trusts", certificateValues(loaded.certificate()));
        }
        if (event instanceof Event.Listening listening) {
            return new Told("listening for TCP connections",
                    text("address", listening.host() + ":" + listening.port()));
        }
        if (event instanceof Event.Connecting connecting) {
            return new Told("connecting over TCP", text("address", connecting.host() + ":" + connecting.port()));
        }
        if (event instanceof Event.HelloSent sent) {
            return hello("sent", sent.hello());
        }
        if (event instanceof Event.HelloReceived received) {
            return hello("received", received.hello());
        }
        if (event instanceof Event.Tls13MessageSent sent) {
            return tls13("sent", sent.message());
        }
        if (event instanceof Event.Tls13MessageReceived received) {
            return tls13("received", received.message());
        }
        if (event instanceof Event.Tls13RecordSent sent) {
            return new Told("sent a TLS record of " + sent.wire().length + " bytes");
        }
        if (event instanceof Event.Tls13RecordReceived received) {
            return new Told("received a TLS record of " + received.wire().length + " bytes");
        }
        if (event instanceof Event.TranscriptUpdated updated) {
            String message = updated.type() == MessageType.FINISHED ? updated.sender().label() + " Finished"
                    : updated.type().wireName();
            return new Told("the " + message + " enters the transcript", text("message", message),
                    open("transcript", updated.transcriptHash()));
        }
        if (event instanceof Event.SharedSecretAgreed agreed) {
            String agreement = agreed.group() == KeyExchangeGroup.X25519 ? "X25519" : agreed.group() + " ECDH";
            return new Told(agreement + "(" + us + " private key, " + peer + " key share)",
                    secret("shared secret", agreed.sharedSecret().bytes()));
        }
        if (event instanceof Event.SecretsDerived derived) {
            return new Told(derivation(side, derived), derived.secrets().entrySet().stream()
                    .map(e -> secret(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue().bytes())).toList());
        }
        if (event instanceof Event.CertificateSent sent) {
            return new Told("sent the server certificate", pem(sent.pem())).in(sent.record());
        }
        if (event instanceof Event.CertificateReceived received) {
            List<TraceValue> values = new ArrayList<>(certificateValues(received.certificate()));
            values.add(pem(received.pem()));
            return new Told("received the server certificate of "
                    + PeerText.quote(received.certificate().subjectText()), values)
                    .in(received.record());
        }
        if (event instanceof Event.CertificateChecked checked) {
            Certificate certificate = checked.certificate();
            return new Told("issued by the trusted root " + PeerText.quote(certificate.issuerText())
                    + ", its signature verifies with the root's key, valid now, issued to " + checked.serverName(),
                    text("trusted root", checked.trustedRoot().subjectText()),
                    open("root public key", checked.trustedRoot().publicKey()),
                    open("signed part (TBSCertificate)", certificate.tbsCertificate()),
                    open("certificate signature", certificate.signature()));
        }
        if (event instanceof Event.TranscriptSigned signed) {
            return new Told("signed the transcript with the certificate's Ed25519 key",
                    open("signed content", signed.signedContent()), open("signature", signed.signature()))
                    .in(signed.record());
        }
        if (event instanceof Event.SignatureChecked checked) {
            return new Told("the Ed25519 signature verifies with the certificate's key",
                    open("signed content", checked.signedContent()), open("signature", checked.signature()),
                    open("server public key", checked.publicKey())).in(checked.record());
        }
        if (event instanceof Event.FinishedSent sent) {
            return new Told("sent " + us + " Finished: " + hmac(sent.mac()) + "(" + us
                    + " finished key, transcript hash)",
                    open(us + " Finished", sent.mac())).in(sent.record());
        }
        if (event instanceof Event.FinishedChecked checked) {
            return new Told("the " + peer + "'s Finished MAC matches our transcript",
                    open(peer + " Finished", checked.mac())).in(checked.record());
        }
        if (event instanceof Event.HandshakeFailed failed) {
            return failure("handshake failed: ", failed.reason(), failed.alert()).in(failed.record());
        }
        if (event instanceof Event.SessionFailed failed) {
            return failure("session failed: ", failed.reason(), failed.alert()).in(failed.record());
        }
        if (event instanceof Event.DataSent sent) {
            return new Told("sent " + sent.length() + " bytes of application data").in(Optional.of(sent.record()));
        }
        if (event instanceof Event.DataReceived received) {
            return new Told("received " + received.length() + " bytes of application data")
                    .in(Optional.of(received.record()));
        }
        if (event instanceof Event.AlertSent sent) {
            return new Told("sent " + sent.alert().rfcName()).in(sent.record());
        }
        if (event instanceof Event.AlertReceived received) {
            return new Told("received " + received.alert().rfcName()).in(received.record());
        }
        throw new IllegalArgumentException("no words for " + event.getClass().getSimpleName());
    }

    private static Told hello(String verb, Hello hello) {
        String what = hello instanceof ClientHello client
                ? "ClientHello (v" + client.version() + ") for " + PeerText.quote(client.serverName())
                : "ServerHello (" + hello.suite() + ")";
        return new Told(verb + " " + what, open("random", hello.random()),
                open("key share", hello.ephemeralPublicKey()));
    }

    /**
     * A TLS 1.3 message that no other event tells (the hellos, a HelloRetryRequest, EncryptedExtensions, KeyUpdate,
     * a NewSessionTicket), with what it negotiates: the certificate, its CertificateVerify and the Finished messages
     * are told by the events v2 tells them with.
     */
    private static Told tls13(String verb, HandshakeMessage message) {
        if (message instanceof dev.minitls.domain.tls13.ClientHello hello) {
            List<TraceValue> values = new ArrayList<>(List.of(open("random", hello.random()),
                    open("legacy_session_id", hello.legacySessionId())));
            List<String> shared = new ArrayList<>();
            Extension.find(hello.extensions(), Extension.ClientKeyShares.class).ifPresent(shares -> shares.shares()
                    .forEach(share -> {
                        shared.add(share.group().name());
                        values.add(open("key share (" + share.group() + ")", share.keyExchange()));
                    }));
            String names = Extension.find(hello.extensions(), Extension.ServerName.class)
                    .map(name -> String.join(", ", name.hostNames().stream().map(PeerText::quote).toList()))
                    .orElse("no server name");
            return new Told(verb + " ClientHello (TLS 1.3) for " + names + ": suites " + hello.cipherSuites()
                    + ", groups " + Extension.find(hello.extensions(), Extension.SupportedGroups.class)
                            .map(Extension.SupportedGroups::groups).orElse(List.of())
                    + ", key shares for " + shared, values);
        }
        if (message instanceof ServerHello hello && hello.isHelloRetryRequest()) {
            Optional<Extension.Cookie> cookie = Extension.find(hello.extensions(), Extension.Cookie.class);
            return new Told(verb + " HelloRetryRequest: " + hello.cipherSuite()
                    + Extension.find(hello.extensions(), Extension.RetryKeyShare.class)
                            .map(group -> ", a key share for " + group.selectedGroup() + " wanted").orElse("")
                    + cookie.map(c -> ", a cookie to echo").orElse("")
                    + "; the first ClientHello becomes message_hash in the transcript",
                    cookie.map(c -> List.of(open("cookie", c.cookie()))).orElse(List.of()));
        }
        if (message instanceof ServerHello hello) {
            Optional<Extension.KeyShareEntry> share =
                    Extension.find(hello.extensions(), Extension.ServerKeyShare.class).map(Extension.ServerKeyShare::share);
            List<TraceValue> values = new ArrayList<>(List.of(open("random", hello.random())));
            share.ifPresent(entry -> values.add(open("key share (" + entry.group() + ")", entry.keyExchange())));
            return new Told(verb + " ServerHello (TLS 1.3): " + hello.cipherSuite()
                    + share.map(entry -> ", " + entry.group()).orElse(""), values);
        }
        if (message instanceof EncryptedExtensions extensions) {
            return new Told(verb + " EncryptedExtensions (" + extensions.extensions().size()
                    + " extensions), the first message under the handshake keys");
        }
        if (message instanceof KeyUpdate update) {
            return new Told(verb + " KeyUpdate (" + (update.updateRequested()
                    ? "update_requested: the other side answers with its own" : "update_not_requested")
                    + "); the sender's next records use its next traffic secret");
        }
        return new Told(verb + " " + message.type().rfcName() + (message instanceof NewSessionTicket
                ? " (ignored: minitls does not resume sessions)" : ""));
    }

    /** The HMAC a Finished MAC was made with: as long as its hash (SHA-384 in TLS_AES_256_GCM_SHA384). */
    private static String hmac(byte[] mac) {
        return mac.length == 48 ? "HMAC-SHA384" : "HMAC-SHA256";
    }

    /** How the keys were derived (step 9), or that the application keys are ready (step 15). */
    private static String derivation(Side side, Event.SecretsDerived derived) {
        if (derived.phase() == Event.SecretsDerived.Phase.APPLICATION) {
            return side == Side.CLIENT ? "application keys derived" : "application keys in use";
        }
        boolean v1 = derived.secrets().keySet().stream()
                .anyMatch(label -> label.schedule() == SecretLabel.Schedule.MINITLS_V1);
        return v1 ? "derived_key = HKDF-SHA256(shared secret, info \"Handshake Data\"); one HKDF of it per key"
                : "TLS 1.3 key schedule (RFC 8446 section 7.1) over the shared secret and the hellos;"
                        + " the rest of the handshake is encrypted";
    }

    private static Told failure(String prefix, String reason, Optional<Alert> alert) {
        return new Told(prefix + reason + "; " + alert.map(a -> "sent the alert " + a.rfcName())
                .orElse("closed the connection without an alert"));
    }

    private static TraceValue pem(byte[] pem) {
        return text("certificate (PEM)", new String(pem, StandardCharsets.US_ASCII));
    }

    /**
     * What a learner wants to see of a certificate (seed step 2): subject, issuer, validity, names, serial number,
     * key and signature, each named so that it cannot be taken for a handshake value (the certificate's signature
     * is {@code certificate signature}, not {@code signature}).
     */
    private static List<TraceValue> certificateValues(Certificate certificate) {
        List<String> names = new ArrayList<>();
        certificate.commonName().ifPresent(cn -> names.add("CN=" + cn));
        certificate.dnsNames().forEach(dns -> names.add("DNS:" + dns));
        return List.of(text("subject", certificate.subjectText()),
                text("issuer", certificate.issuerText()),
                text("not before", certificate.notBefore().toString()),
                text("not after", certificate.notAfter().toString()),
                text("names", names.isEmpty() ? "none" : String.join(", ", names)),
                text("serial number", certificate.serialNumber().toString(16)),
                text("key algorithm", certificate.keyAlgorithm()),
                open("public key", certificate.publicKey()),
                text("signature algorithm", certificate.signatureAlgorithm()),
                open("certificate signature", certificate.signature()));
    }
}
