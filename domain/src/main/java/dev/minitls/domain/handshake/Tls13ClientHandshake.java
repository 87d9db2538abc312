package dev.minitls.domain.handshake;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.port.Tls13Records.HandshakeIn;
import dev.minitls.domain.tls13.CertificateMessage;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.HandshakeType;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Event.SecretsDerived.Phase;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trust.HostNames;
import dev.minitls.domain.trust.LeafNames;
import dev.minitls.domain.trust.ServerCertificateValidator;
import dev.minitls.domain.trust.TrustedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client's whole TLS 1.3 handshake (RFC 8446 section 4), top to bottom, over the {@link Tls13Records} port. It
 * is a file of its own beside {@link ClientHandshake} (v1, v2) because TLS 1.3 negotiates (suites, groups,
 * HelloRetryRequest), hashes with the suite's hash, and sends typed messages through a binary record layer; the
 * steps and proofs are the same: each step takes the state the previous one produced, and the session can only be
 * built from the proofs that the certificate, the CertificateVerify and the server's Finished were checked.
 * Comments say when each message enters the transcript, as in Go's crypto/tls client.
 */
public final class Tls13ClientHandshake {

    /** What the client knows once its ClientHello is out: the one key share it sent, with its private key. */
    private record ExpectServerHello(ClientHello hello, Tls13Settings.Group group, byte[] privateKey,
            Optional<CipherSuite> retrySuite) {
    }

    /** After the ServerHello: the keys, and the handshake's read and write keys are installed. */
    private record ExpectEncryptedExtensions(Tls13Keys keys) {
    }

    private record ExpectCertificate(Tls13Keys keys) {
    }

    private record ExpectCertificateVerify(Tls13Keys keys, TrustedCertificate server) {
    }

    private record ExpectServerFinished(Tls13Keys keys, SignatureVerified signature) {
    }

    private static final Set<Class<? extends Extension>> SERVER_HELLO_EXTENSIONS =
            Set.of(Extension.SelectedVersion.class, Extension.ServerKeyShare.class);
    private static final Set<Class<? extends Extension>> RETRY_EXTENSIONS =
            Set.of(Extension.SelectedVersion.class, Extension.RetryKeyShare.class, Extension.Cookie.class);
    private static final Set<Class<? extends Extension>> ENCRYPTED_EXTENSIONS =
            Set.of(Extension.ServerName.class, Extension.SupportedGroups.class);

    private final Tls13Records records;
    private final ClientConfig config;
    private final Tls13Settings settings;
    private final CryptoProvider crypto;
    private final Tracer tracer;
    private final Tls13Transcript transcript;
    private final ChainCheck validator;
    /** What a failed handshake leaves to wipe: ephemeral keys, the handshake's and application's secrets. */
    private final Tls13Wipes wipes = new Tls13Wipes();

    private Tls13ClientHandshake(Tls13Records records, ClientConfig config, Tls13Settings settings, Tracer tracer,
            ChainCheck validator) {
        this.records = records;
        this.config = config;
        this.settings = settings;
        this.crypto = config.crypto();
        this.tracer = tracer;
        this.transcript = new Tls13Transcript(crypto);
        this.validator = validator;
    }

    /**
     * Runs the handshake and returns the session. On any failure the server is sent the matching alert, the
     * connection is closed, and the {@link ProtocolException} says why. {@code config.protocol()} is not read.
     */
    public static Tls13Session connect(Tls13Records records, ClientConfig config, Tls13Settings settings) {
        return connect(records, config, settings, new ServerCertificateValidator(config.crypto(),
                config.trustAnchors(), config.clock(), LeafNames.SUBJECT_ALT_NAME)::validate);
    }

    /**
     * {@link #connect(Tls13Records, ClientConfig, Tls13Settings)} with {@code validator} deciding whether the
     * server's certificate is trusted for the name: domain tests pass a fixture to reach the steps after it with
     * the test crypto's toy keys, whose certificates no real validator could check.
     */
    static Tls13Session connect(Tls13Records records, ClientConfig config, Tls13Settings settings,
            ChainCheck validator) {
        Tracer tracer = new Tracer(config.observer(), Side.CLIENT, records.peer());
        Tls13ClientHandshake handshake = new Tls13ClientHandshake(records, config, settings, tracer, validator);
        try {
            return handshake.run();
        } catch (RuntimeException e) {
            handshake.wipes.failed();
            tracer.handshakeFailed(e, Tls13Session.abort(records, e));
            throw e;
        }
    }

    private Tls13Session run() {
        ExpectServerHello sent = sendClientHello();
        ServerHello serverHello = receive(ServerHello.class, HandshakeType.SERVER_HELLO);
        if (serverHello.isHelloRetryRequest()) {
            sent = onHelloRetryRequest(sent, serverHello);
            serverHello = receive(ServerHello.class, HandshakeType.SERVER_HELLO);
        }
        ExpectEncryptedExtensions expectEncryptedExtensions = onServerHello(sent, serverHello);
        ExpectCertificate expectCertificate = onEncryptedExtensions(expectEncryptedExtensions,
                receive(EncryptedExtensions.class, HandshakeType.ENCRYPTED_EXTENSIONS));
        ExpectCertificateVerify expectCertificateVerify = onCertificate(expectCertificate,
                receive(CertificateMessage.class, HandshakeType.CERTIFICATE));
        ExpectServerFinished expectServerFinished = onCertificateVerify(expectCertificateVerify,
                receive(CertificateVerify.class, HandshakeType.CERTIFICATE_VERIFY));
        FinishedVerified serverFinished =
                onServerFinished(expectServerFinished, receive(Finished.class, HandshakeType.FINISHED));
        return sendClientFinished(expectServerFinished, serverFinished);
    }

    /**
     * The ClientHello: a fresh random, a 32-byte legacy_session_id (middlebox compatibility, section D.4), our
     * suites and groups in our order, one key share for our first group, the signature schemes of
     * {@link Tls13Signatures}, the server's name.
     */
    private ExpectServerHello sendClientHello() {
        if (settings.groups().isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one group to send a key share for");
        }
        return sendHello(config.random().nextBytes(VersionPolicy.RANDOM_LENGTH),
                config.random().nextBytes(VersionPolicy.RANDOM_LENGTH), group(settings.groups().get(0)), List.of());
    }

    /**
     * A ClientHello, first or second (which keeps the first one's random and session id and echoes the cookie),
     * with a fresh key share for {@code group}. It enters the transcript as sent; its hash is taken once a
     * ServerHello names the suite.
     */
    private ExpectServerHello sendHello(byte[] random, byte[] sessionId, Tls13Settings.Group group,
            List<Extension> echoed) {
        Tls13Settings.Group.KeyPair keyPair = wipes.own(group.generate(crypto, config.random()));
        List<Extension> extensions = new ArrayList<>();
        if (!HostNames.isIpAddress(config.serverName())) {
            // server_name carries host names only (RFC 6066 section 3): no SNI for an IP address
            extensions.add(new Extension.ServerName(List.of(config.serverName())));
        }
        extensions.addAll(List.of(
                new Extension.OfferedVersions(List.of(HandshakeMessage.TLS_1_3)),
                new Extension.SupportedGroups(settings.groups()),
                new Extension.SignatureAlgorithms(Tls13Signatures.OFFERED),
                new Extension.SignatureAlgorithmsCert(Tls13Signatures.OFFERED_FOR_CERTIFICATES),
                new Extension.ClientKeyShares(List.of(keyPair.share()))));
        extensions.addAll(echoed);
        ClientHello hello = new ClientHello(HandshakeMessage.TLS_1_2, random, sessionId, settings.suites(),
                new byte[] {0}, extensions);
        transcript.add(records.send(hello));
        records.flush();
        tracer.tell(new Event.Tls13MessageSent(hello));
        return new ExpectServerHello(hello, group, keyPair.privateKey(), Optional.empty());
    }

    /**
     * A HelloRetryRequest (section 4.1.4): the server wants a key share for another group we offered, or a cookie
     * echoed. One that would not change the ClientHello, or names a suite or group we did not offer, is
     * {@code illegal_parameter}. The first ClientHello leaves the transcript for its hash (message_hash), then the
     * HelloRetryRequest enters it as received, then the second ClientHello (its one share for the group asked for)
     * as sent.
     */
    private ExpectServerHello onHelloRetryRequest(ExpectServerHello state, ServerHello retry) {
        Tls13Settings.Suite suite = checkServerHelloFields(state.hello(), retry, RETRY_EXTENSIONS);
        Optional<Extension.RetryKeyShare> group = Extension.find(retry.extensions(), Extension.RetryKeyShare.class);
        Optional<Extension.Cookie> cookie = Extension.find(retry.extensions(), Extension.Cookie.class);
        NamedGroup asked = group.map(Extension.RetryKeyShare::selectedGroup).orElse(state.group().named());
        if (!settings.groups().contains(asked)) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "the HelloRetryRequest asks for a key share for " + asked + ", which was not offered");
        }
        if (group.isPresent() && asked.equals(state.group().named())) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER, "the HelloRetryRequest asks for a key share "
                    + "for " + asked + ", which the ClientHello already sent");
        }
        if (group.isEmpty() && cookie.isEmpty()) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "a HelloRetryRequest that would not change the ClientHello");
        }
        tracer.tell(new Event.Tls13MessageReceived(retry));
        transcript.replaceWithMessageHash(suite.hash());
        transcript.add(lastReceived.bytes());
        Arrays.fill(state.privateKey(), (byte) 0);
        ExpectServerHello second = sendHello(state.hello().random(), state.hello().legacySessionId(), group(asked),
                cookie.<List<Extension>>map(List::of).orElse(List.of()));
        return new ExpectServerHello(second.hello(), second.group(), second.privateKey(),
                Optional.of(retry.cipherSuite()));
    }

    /**
     * The ServerHello: TLS 1.3 chosen in supported_versions, our session id echoed, a suite we offered (the
     * HelloRetryRequest's, if there was one), a share for the group we sent one for, valid in that group. It
     * enters the transcript as received; the handshake traffic keys come from the transcript through it, and
     * everything after it is encrypted. A HelloRetryRequest here, after the first, is {@code unexpected_message}.
     */
    private ExpectEncryptedExtensions onServerHello(ExpectServerHello state, ServerHello hello) {
        if (hello.isHelloRetryRequest()) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "a second HelloRetryRequest");
        }
        Tls13Settings.Suite suite = checkServerHelloFields(state.hello(), hello, SERVER_HELLO_EXTENSIONS);
        if (state.retrySuite().filter(retried -> !retried.equals(hello.cipherSuite())).isPresent()) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER, "the ServerHello's suite " + hello.cipherSuite()
                    + " is not the HelloRetryRequest's " + state.retrySuite().get());
        }
        Extension.KeyShareEntry share =
                Tls13Rules.require(hello.extensions(), Extension.ServerKeyShare.class, "a ServerHello").share();
        if (!share.group().equals(state.group().named())) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "a key share for " + share.group() + ", for which the ClientHello sent none");
        }
        byte[] shared = wipes.agree(state.group(), crypto, state.privateKey(), share.keyExchange());
        tracer.tell(new Event.Tls13MessageReceived(hello));
        transcript.add(lastReceived.bytes());
        Tls13Keys keys = wipes.keys(crypto, suite, shared, transcript.hash(suite.hash()), state.group(), tracer);
        keys.protectReads(records, keys.serverHandshake());
        keys.protectWrites(records, keys.clientHandshake());
        tracer.tell(new Event.SecretsDerived(Phase.HANDSHAKE, keys.handshakeSecrets()));
        return new ExpectEncryptedExtensions(keys);
    }

    /**
     * What a ServerHello and a HelloRetryRequest share (section 4.1.3): legacy_version 0x0303 and TLS 1.3 in
     * supported_versions (a server without it speaks TLS 1.2 or lower: {@code protocol_version}), our session id,
     * compression 0, a suite we offered, and only the extensions we offered.
     */
    private Tls13Settings.Suite checkServerHelloFields(ClientHello sent, ServerHello hello,
            Set<Class<? extends Extension>> allowed) {
        Optional<Extension.SelectedVersion> version =
                Extension.find(hello.extensions(), Extension.SelectedVersion.class);
        if (version.isEmpty()) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION, String.format(
                    "the server chose version 0x%04x; minitls speaks TLS 1.3 only", hello.legacyVersion()));
        }
        if (version.get().version() != HandshakeMessage.TLS_1_3 || hello.legacyVersion() != HandshakeMessage.TLS_1_2) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER, String.format(
                    "the server chose version 0x%04x (legacy 0x%04x); only 0x0304 was offered",
                    version.get().version(), hello.legacyVersion()));
        }
        if (!Arrays.equals(hello.legacySessionIdEcho(), sent.legacySessionId())) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER, "the server did not echo our legacy_session_id");
        }
        if (hello.legacyCompressionMethod() != 0) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "compression method " + hello.legacyCompressionMethod() + "; TLS 1.3 has none");
        }
        Tls13Rules.onlyOffered(hello.extensions(), allowed, "the ServerHello");
        return Optional.of(hello.cipherSuite()).filter(sent.cipherSuites()::contains)
                .flatMap(Tls13Settings.Suite::of)
                .orElseThrow(() -> new ProtocolException(Failure.ILLEGAL_PARAMETER,
                        "the server chose " + hello.cipherSuite() + ", which was not offered"));
    }

    /** EncryptedExtensions, the first message under the handshake keys: only what we offered. Into the transcript. */
    private ExpectCertificate onEncryptedExtensions(ExpectEncryptedExtensions state, EncryptedExtensions message) {
        Tls13Rules.onlyOffered(message.extensions(), ENCRYPTED_EXTENSIONS, "EncryptedExtensions");
        tracer.tell(new Event.Tls13MessageReceived(message));
        transcript.add(lastReceived.bytes());
        return new ExpectCertificate(state.keys());
    }

    /**
     * The server's Certificate (section 4.4.2): an empty request context, the leaf first, then the intermediate CAs
     * in any order; the path from the leaf to one of our roots is checked as in v2 (subjectAltName, leaf rules). It
     * enters the transcript once trusted.
     */
    private ExpectCertificateVerify onCertificate(ExpectCertificate state, CertificateMessage message) {
        if (message.requestContext().length != 0) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "a server's Certificate with a certificate_request_context");
        }
        if (message.entries().isEmpty()) {
            throw new ProtocolException(Failure.MALFORMED_MESSAGE, "a server's Certificate without certificates");
        }
        ServerCertificateValidator.requireFewIntermediates(message.entries().size() - 1);
        byte[] der = message.entries().get(0).der();
        Certificate certificate = VersionPolicy.parseDer(crypto, der);
        tracer.tell(Step.CERTIFICATE, () -> new Event.CertificateReceived(certificate,
                Pem.encode(Pem.CERTIFICATE, der).getBytes(StandardCharsets.US_ASCII), Optional.empty()));
        List<Certificate> intermediates = message.entries().stream().skip(1)
                .map(entry -> VersionPolicy.parseDer(crypto, entry.der())).toList();
        TrustedCertificate trusted = validator.validate(certificate, intermediates, config.serverName());
        tracer.tell(new Event.CertificateChecked(certificate, trusted.trustAnchor(), config.serverName()));
        transcript.add(lastReceived.bytes());
        return new ExpectCertificateVerify(state.keys(), trusted);
    }

    /**
     * CertificateVerify (section 4.4.3): a scheme we offered that fits the certificate's key ({@code
     * illegal_parameter} otherwise), over the transcript through the Certificate with the server's context string
     * ({@code decrypt_error} when it does not verify). It enters the transcript once the signature is checked.
     */
    private ExpectServerFinished onCertificateVerify(ExpectCertificateVerify state, CertificateVerify message) {
        Tls13Signatures.Chosen scheme = Tls13Signatures.accept(message.scheme(), state.server().certificate());
        byte[] signed = Tls13Rules.serverCertificateVerifyContent(transcript.hash(state.keys().suite().hash()));
        SignatureVerified verified = SignatureVerified.check(crypto, scheme.algorithm(), state.server(), signed,
                message.signature());
        tracer.tell(new Event.SignatureChecked(signed, message.signature(), state.server().publicKey(),
                Optional.empty()));
        transcript.add(lastReceived.bytes());
        return new ExpectServerFinished(state.keys(), verified);
    }

    /** The server's Finished: its MAC covers the transcript through the CertificateVerify. Then it enters it. */
    private FinishedVerified onServerFinished(ExpectServerFinished state, Finished finished) {
        Tls13Keys keys = state.keys();
        FinishedVerified verified = keys.checkFinished(keys.serverHandshake(), transcript.hash(keys.suite().hash()),
                finished.verifyData(), "server");
        tracer.tell(new Event.FinishedChecked(finished.verifyData(), Optional.empty()));
        transcript.add(lastReceived.bytes());
        return verified;
    }

    /**
     * Our Finished covers the transcript through the server's Finished, as the application keys do; it goes out
     * under the client handshake key, then both directions switch to the application keys.
     */
    private Tls13Session sendClientFinished(ExpectServerFinished state, FinishedVerified serverFinished) {
        Tls13Keys keys = state.keys();
        byte[] throughServerFinished = transcript.hash(keys.suite().hash());
        Tls13Keys.Application application = wipes.own(
                keys.applicationTraffic(ThroughServerFinished.verified(serverFinished, throughServerFinished)));
        byte[] mac = keys.finishedMac(keys.clientHandshake(), throughServerFinished);
        Finished finished = new Finished(mac);
        transcript.add(records.send(finished));
        records.flush();
        tracer.tell(new Event.FinishedSent(mac, Optional.empty()));
        keys.protectWrites(records, application.client());
        keys.protectReads(records, application.server());
        tracer.tell(new Event.SecretsDerived(Phase.APPLICATION, application.secrets()));
        application.exporter().destroy();
        return new Tls13Session(records, Side.CLIENT, keys, application.client(), application.server(), tracer,
                serverFinished);
    }

    /** {@code group}, which the settings only hold when minitls implements it. */
    private static Tls13Settings.Group group(NamedGroup group) {
        return Tls13Settings.Group.of(group).orElseThrow();
    }

    /** The last message received, with its bytes: each step adds them to the transcript once it has checked it. */
    private HandshakeIn lastReceived;

    /**
     * The next handshake message, which must be of {@code type}: anything else (application data, close_notify,
     * another message) is {@code unexpected_message}.
     */
    private <T extends HandshakeMessage> T receive(Class<T> kind, HandshakeType type) {
        lastReceived = Tls13Rules.handshake(records.receive(), type);
        return Tls13Rules.expect(lastReceived.message(), kind, type);
    }
}
