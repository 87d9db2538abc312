package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.Tls13Records;
import dev.minitls.domain.port.Tls13Records.HandshakeIn;
import dev.minitls.domain.tls13.CertificateMessage;
import dev.minitls.domain.tls13.CertificateVerify;
import dev.minitls.domain.tls13.ClientHello;
import dev.minitls.domain.tls13.EncryptedExtensions;
import dev.minitls.domain.tls13.Extension;
import dev.minitls.domain.tls13.Finished;
import dev.minitls.domain.tls13.HandshakeMessage;
import dev.minitls.domain.tls13.HandshakeType;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.tls13.ServerHello;
import dev.minitls.domain.tls13.SignatureScheme;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Event.SecretsDerived.Phase;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The server's whole TLS 1.3 handshake (RFC 8446 section 4), top to bottom, over the {@link Tls13Records} port:
 * a ClientHello in (and, when its key shares lack our group, a HelloRetryRequest out and a second ClientHello in);
 * ServerHello, EncryptedExtensions, Certificate, CertificateVerify and Finished out; the client's Finished in. The
 * server chooses the suite and group by its own preference among what the client offers. It sends no
 * NewSessionTicket: minitls does not resume sessions. A file of its own beside {@link ServerHandshake} for the
 * reasons {@link Tls13ClientHandshake} gives.
 */
public final class Tls13ServerHandshake {

    /** What a valid ClientHello settles: the suite and group chosen, and the client's share for that group. */
    private record Negotiated(ClientHello hello, Tls13Settings.Suite suite, Tls13Settings.Group group,
            Optional<Extension.KeyShareEntry> share, Tls13Signatures.Chosen signature) {
    }

    private record ExpectClientFinished(Tls13Keys keys, Tls13Keys.Application application) {
    }

    private final Tls13Records records;
    private final ServerConfig config;
    private final Tls13Settings settings;
    private final CryptoProvider crypto;
    private final Tracer tracer;
    private final Tls13Transcript transcript;
    /** What a failed handshake leaves to wipe: the ephemeral key, the handshake's and application's secrets. */
    private final Tls13Wipes wipes = new Tls13Wipes();
    private HandshakeIn lastReceived;

    private Tls13ServerHandshake(Tls13Records records, ServerConfig config, Tls13Settings settings, Tracer tracer) {
        this.records = records;
        this.config = config;
        this.settings = settings;
        this.crypto = config.crypto();
        this.tracer = tracer;
        this.transcript = new Tls13Transcript(crypto);
    }

    /**
     * Runs the server's side of the handshake and returns the session. On any failure the client is sent the
     * matching alert, the connection is closed, and the {@link ProtocolException} says why.
     */
    public static Tls13Session accept(Tls13Records records, ServerConfig config, Tls13Settings settings) {
        Tracer tracer = new Tracer(config.observer(), Side.SERVER, records.peer());
        Tls13ServerHandshake handshake = new Tls13ServerHandshake(records, config, settings, tracer);
        try {
            return handshake.run();
        } catch (RuntimeException e) {
            handshake.wipes.failed();
            tracer.handshakeFailed(e, Tls13Session.abort(records, e));
            throw e;
        }
    }

    private Tls13Session run() {
        Negotiated negotiated = onClientHello(receive(ClientHello.class, HandshakeType.CLIENT_HELLO));
        if (negotiated.share().isEmpty()) {
            negotiated = onSecondClientHello(negotiated, sendHelloRetryRequest(negotiated),
                    receive(ClientHello.class, HandshakeType.CLIENT_HELLO));
        }
        ExpectClientFinished expectClientFinished = sendServerFlight(negotiated);
        return onClientFinished(expectClientFinished, receive(Finished.class, HandshakeType.FINISHED));
    }

    /**
     * The ClientHello: TLS 1.3 in supported_versions ({@code protocol_version} otherwise: minitls does not speak
     * TLS 1.2), compression exactly "none", the extensions TLS 1.3 needs ({@code missing_extension}), a signature
     * scheme our key makes (the first of the client's, {@link Tls13Signatures#choose}) and a suite and group in
     * common ({@code handshake_failure}). It enters the transcript
     * as received.
     */
    private Negotiated onClientHello(ClientHello hello) {
        Optional<Extension.OfferedVersions> versions =
                Extension.find(hello.extensions(), Extension.OfferedVersions.class);
        if (versions.isEmpty() || !versions.get().versions().contains(HandshakeMessage.TLS_1_3)) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION,
                    "the client offers no TLS 1.3; minitls does not speak TLS 1.2 or lower");
        }
        if (hello.legacyVersion() != HandshakeMessage.TLS_1_2) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION,
                    String.format("legacy_version 0x%04x in a TLS 1.3 ClientHello", hello.legacyVersion()));
        }
        if (hello.legacyCompressionMethods().length != 1 || hello.legacyCompressionMethods()[0] != 0) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER, "compression methods other than just none");
        }
        List<SignatureScheme> schemes = Tls13Rules.require(hello.extensions(), Extension.SignatureAlgorithms.class,
                "a ClientHello").schemes();
        List<NamedGroup> groups = Tls13Rules.require(hello.extensions(), Extension.SupportedGroups.class,
                "a ClientHello").groups();
        List<Extension.KeyShareEntry> shares = Tls13Rules.require(hello.extensions(),
                Extension.ClientKeyShares.class, "a ClientHello").shares();
        Tls13Signatures.Chosen signature = Tls13Signatures.choose(schemes, config.signingKey());
        Tls13Settings.Suite suite = settings.suites().stream().filter(hello.cipherSuites()::contains).findFirst()
                .flatMap(Tls13Settings.Suite::of).orElseThrow(() -> new ProtocolException(
                        Failure.NO_SHARED_PARAMETERS, "no cipher suite in common: the client offers "
                                + hello.cipherSuites() + ", this server takes " + settings.suites()));
        Tls13Settings.Group group = settings.groups().stream().filter(groups::contains).findFirst()
                .flatMap(Tls13Settings.Group::of).orElseThrow(
                () -> new ProtocolException(Failure.NO_SHARED_PARAMETERS, "no group in common: the client offers "
                        + groups + ", this server takes " + settings.groups()));
        for (Extension.KeyShareEntry share : shares) {
            if (!groups.contains(share.group())) {
                throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                        "a key share for " + share.group() + ", which supported_groups does not offer");
            }
        }
        Optional<Extension.KeyShareEntry> share =
                shares.stream().filter(entry -> entry.group().equals(group.named())).findFirst();
        tracer.tell(new Event.Tls13MessageReceived(hello));
        transcript.add(lastReceived.bytes());
        return new Negotiated(hello, suite, group, share, signature);
    }

    /**
     * The client's key shares lack the group we chose: a HelloRetryRequest names it (section 4.1.4). The first
     * ClientHello leaves the transcript for its hash (message_hash), and the HelloRetryRequest enters it as sent.
     */
    private ServerHello sendHelloRetryRequest(Negotiated negotiated) {
        ServerHello retry = new ServerHello(HandshakeMessage.TLS_1_2, ServerHello.helloRetryRequestRandom(),
                negotiated.hello().legacySessionId(), negotiated.suite().suite(), 0,
                List.of(new Extension.SelectedVersion(HandshakeMessage.TLS_1_3),
                        new Extension.RetryKeyShare(negotiated.group().named())));
        transcript.replaceWithMessageHash(negotiated.suite().hash());
        transcript.add(records.send(retry));
        records.flush();
        tracer.tell(new Event.Tls13MessageSent(retry));
        return retry;
    }

    /**
     * The second ClientHello must now hold a share for the group the HelloRetryRequest named, and still offer its
     * suite ({@code illegal_parameter} otherwise). It enters the transcript as received.
     */
    private Negotiated onSecondClientHello(Negotiated first, ServerHello retry, ClientHello hello) {
        Negotiated second = onClientHello(hello);
        if (second.share().isEmpty() || !second.group().equals(first.group())
                || !second.suite().equals(first.suite())) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER, "the second ClientHello does not offer "
                    + retry.cipherSuite() + " with a key share for " + first.group().named());
        }
        // Section 4.1.2: the client sends the same ClientHello again, but for the share, the cookie and the like.
        if (!Arrays.equals(hello.random(), first.hello().random())
                || !Arrays.equals(hello.legacySessionId(), first.hello().legacySessionId())
                || !hello.cipherSuites().equals(first.hello().cipherSuites())) {
            throw new ProtocolException(Failure.ILLEGAL_PARAMETER,
                    "the second ClientHello changes its random, legacy_session_id or cipher suites");
        }
        return second;
    }

    /**
     * Our flight: ServerHello (then everything under the handshake keys), EncryptedExtensions, Certificate (our
     * certificate, then the intermediates of {@link ServerConfig#chain()}),
     * CertificateVerify over the transcript through the Certificate, Finished over the transcript through the
     * CertificateVerify. Each enters the transcript as sent. We then write under our application key; we read the
     * client's Finished under its handshake key.
     */
    private ExpectClientFinished sendServerFlight(Negotiated negotiated) {
        Extension.KeyShareEntry clientShare = negotiated.share().orElseThrow();
        Tls13Settings.Group group = negotiated.group();
        Tls13Settings.Group.KeyPair keyPair = wipes.own(group.generate(crypto, config.random()));
        byte[] shared = wipes.agree(group, crypto, keyPair.privateKey(), clientShare.keyExchange());
        ServerHello hello = new ServerHello(HandshakeMessage.TLS_1_2,
                config.random().nextBytes(VersionPolicy.RANDOM_LENGTH), negotiated.hello().legacySessionId(),
                negotiated.suite().suite(), 0, List.of(new Extension.SelectedVersion(HandshakeMessage.TLS_1_3),
                        new Extension.ServerKeyShare(keyPair.share())));
        transcript.add(records.send(hello));
        tracer.tell(new Event.Tls13MessageSent(hello));
        Tls13Settings.Suite suite = negotiated.suite();
        Tls13Keys keys = wipes.keys(crypto, suite, shared, transcript.hash(suite.hash()), group, tracer);
        keys.protectWrites(records, keys.serverHandshake());
        keys.protectReads(records, keys.clientHandshake());
        tracer.tell(new Event.SecretsDerived(Phase.HANDSHAKE, keys.handshakeSecrets()));

        send(new EncryptedExtensions(List.of()));
        CertificateMessage certificate = new CertificateMessage(new byte[0], config.chain().stream()
                .map(der -> new CertificateMessage.Entry(der, List.of())).toList());
        transcript.add(records.send(certificate));
        tracer.tell(Step.CERTIFICATE, () -> new Event.CertificateSent(config.certificatePem(), Optional.empty()));

        byte[] signed = Tls13Rules.serverCertificateVerifyContent(transcript.hash(suite.hash()));
        byte[] signature = config.signingKey().sign(negotiated.signature().algorithm(), signed);
        transcript.add(records.send(new CertificateVerify(negotiated.signature().scheme(), signature)));
        tracer.tell(new Event.TranscriptSigned(signed, signature, Optional.empty()));

        byte[] mac = keys.finishedMac(keys.serverHandshake(), transcript.hash(suite.hash()));
        byte[] finished = records.send(new Finished(mac));
        transcript.add(finished);
        records.flush();
        tracer.tell(new Event.FinishedSent(mac, Optional.empty()));
        Tls13Keys.Application application = wipes.own(keys.applicationTraffic(
                ThroughServerFinished.sentFinished(finished, transcript.hash(suite.hash()))));
        keys.protectWrites(records, application.server());
        return new ExpectClientFinished(keys, application);
    }

    /** The client's Finished: its MAC covers the transcript through our Finished. Then we read application data. */
    private Tls13Session onClientFinished(ExpectClientFinished state, Finished finished) {
        Tls13Keys keys = state.keys();
        FinishedVerified clientFinished = keys.checkFinished(keys.clientHandshake(),
                transcript.hash(keys.suite().hash()), finished.verifyData(), "client");
        tracer.tell(new Event.FinishedChecked(finished.verifyData(), Optional.empty()));
        transcript.add(lastReceived.bytes());
        keys.protectReads(records, state.application().client());
        tracer.tell(new Event.SecretsDerived(Phase.APPLICATION, state.application().secrets()));
        state.application().exporter().destroy();
        return new Tls13Session(records, Side.SERVER, keys, state.application().client(),
                state.application().server(), tracer, clientFinished);
    }

    private void send(HandshakeMessage message) {
        transcript.add(records.send(message));
        tracer.tell(new Event.Tls13MessageSent(message));
    }

    /** The next handshake message, which must be of {@code type}: anything else is {@code unexpected_message}. */
    private <T extends HandshakeMessage> T receive(Class<T> kind, HandshakeType type) {
        lastReceived = Tls13Rules.handshake(records.receive(), type);
        return Tls13Rules.expect(lastReceived.message(), kind, type);
    }
}
