package dev.minitls.domain.handshake;

import static dev.minitls.domain.trace.TraceValue.open;
import static dev.minitls.domain.trace.TraceValue.secret;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.MessageIo.Received;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import dev.minitls.domain.trust.ServerCertificateValidator;
import dev.minitls.domain.trust.TrustedCertificate;
import java.util.List;

/**
 * The client's whole handshake, top to bottom (seed steps 5 to 15), for protocol v1 and v2 alike: where they differ
 * (keys, what is signed, whether the rest of the handshake is encrypted) the {@link VersionPolicy} decides.
 *
 * <p>{@link #run()} reads like the protocol: each step takes the state the previous one produced and returns the
 * next, so a step cannot run out of order, and the secure channel can only be built from the proofs that the
 * certificate, the CertificateVerify signature and the server's Finished MAC were checked. Comments say exactly when
 * each message enters the transcript.
 */
public final class ClientHandshake {

    /** The states of the client, each holding what is known at that point. */
    sealed interface State permits ExpectServerHello, ExpectCertificate, ExpectCertificateVerify, ExpectServerFinished {
    }

    record ExpectServerHello(byte[] ephemeralPrivateKey) implements State {
    }

    record ExpectCertificate(HandshakeKeys keys) implements State {
    }

    record ExpectCertificateVerify(HandshakeKeys keys, TrustedCertificate server) implements State {
    }

    record ExpectServerFinished(HandshakeKeys keys, SignatureVerified signature) implements State {
    }

    private final ClientConfig config;
    private final CryptoProvider crypto;
    private final VersionPolicy policy;
    private final MessageIo io;
    private final Transcript transcript;
    private final ServerCertificateValidator validator;

    private ClientHandshake(MessageIo io, ClientConfig config) {
        this.config = config;
        this.crypto = config.crypto();
        this.policy = io.policy();
        this.io = io;
        this.transcript = new Transcript(crypto);
        this.validator = new ServerCertificateValidator(crypto, config.trustedRoot(), config.clock());
    }

    /**
     * Runs the handshake over {@code channel} in the configured protocol and returns the secure channel. On any
     * failure the server is sent the matching alert (v2), the channel is closed, and the
     * {@link dev.minitls.domain.error.ProtocolException} says why.
     */
    public static SecureChannel connect(FrameChannel channel, WireFormats formats, ClientConfig config) {
        MessageIo io = new MessageIo(channel, formats, config.protocol().policy(), Side.CLIENT);
        try {
            return new ClientHandshake(io, config).run();
        } catch (RuntimeException e) {
            io.abort(e);
            throw e;
        }
    }

    private SecureChannel run() {
        ExpectServerHello expectServerHello = sendClientHello();
        ExpectCertificate expectCertificate =
                onServerHello(expectServerHello, io.receive(MessageType.SERVER_HELLO, ServerHello.class));
        ExpectCertificateVerify expectCertificateVerify =
                onCertificate(expectCertificate, io.receive(MessageType.CERTIFICATE, CertificateMessage.class));
        ExpectServerFinished expectServerFinished = onCertificateVerify(expectCertificateVerify,
                io.receive(MessageType.CERTIFICATE_VERIFY, CertificateVerify.class));
        FinishedVerified serverFinished =
                onServerFinished(expectServerFinished, io.receive(MessageType.FINISHED, Finished.class));
        return sendClientFinished(expectServerFinished, serverFinished);
    }

    /** Steps 5 and 6: a fresh random and ephemeral X25519 key; the ClientHello is the transcript's first message. */
    private ExpectServerHello sendClientHello() {
        byte[] random = config.random().nextBytes(VersionPolicy.RANDOM_LENGTH);
        byte[] ephemeralPrivateKey = config.random().nextBytes(VersionPolicy.KEY_SHARE_LENGTH);
        byte[] ephemeralPublicKey = crypto.x25519PublicKey(ephemeralPrivateKey);
        ClientHello hello = new ClientHello(random, policy.version().number(), ephemeralPublicKey, policy.suite(),
                config.serverName());
        transcript.add(io.send(hello));
        trace(Step.CLIENT_HELLO, "sent ClientHello (" + policy.version() + ") for " + config.serverName(),
                open("random", random), open("key share", ephemeralPublicKey));
        trace(Step.TRANSCRIPT, "transcript started with the ClientHello", open("transcript", transcript.hash()));
        return new ExpectServerHello(ephemeralPrivateKey);
    }

    /**
     * Steps 7 to 9: check the ServerHello, add it to the transcript, agree on the shared secret, derive the keys.
     * In v2 everything after this point is encrypted under the handshake traffic keys.
     */
    private ExpectCertificate onServerHello(ExpectServerHello state, Received<ServerHello> received) {
        ServerHello hello = received.message();
        policy.checkHello(hello.version(), hello.suite(), hello.random(), hello.ephemeralPublicKey());
        // The ServerHello enters the transcript as received.
        transcript.add(received.frame());
        trace(Step.SERVER_HELLO, "received ServerHello",
                open("random", hello.random()), open("key share", hello.ephemeralPublicKey()),
                open("transcript", transcript.hash()));
        byte[] shared = VersionPolicy.agree(crypto, state.ephemeralPrivateKey(), hello.ephemeralPublicKey());
        trace(Step.SHARED_SECRET, "X25519(client private key, server key share)", secret("shared secret", shared));
        HandshakeKeys keys = policy.handshakeKeys(crypto, shared, transcript.hash());
        keys.handshakeTraffic().ifPresent(traffic -> io.protect(crypto, traffic));
        trace(Step.HANDSHAKE_KEY, keys.handshakeTraffic().isPresent()
                ? "handshake secrets derived; the rest of the handshake is encrypted"
                : "HKDF-SHA256(shared secret, info \"Handshake Data\")", keys.secrets());
        return new ExpectCertificate(keys);
    }

    /** Steps 10 and 11: parse and check the certificate; it enters the transcript once trusted. */
    private ExpectCertificateVerify onCertificate(ExpectCertificate state, Received<CertificateMessage> received) {
        Certificate certificate = VersionPolicy.parseCertificate(crypto, received.message().certificatePem());
        trace(Step.CERTIFICATE, "received the server certificate of " + certificate.subjectText(),
                open("certificate (DER)", certificate.der()));
        TrustedCertificate trusted = validator.validate(certificate, config.serverName());
        transcript.add(received.frame());
        trace(Step.VERIFY_CERTIFICATE, "issued by the trusted root " + certificate.issuerText()
                + ", signature valid, valid now, name " + config.serverName(), open("transcript", transcript.hash()));
        return new ExpectCertificateVerify(state.keys(), trusted);
    }

    /**
     * Steps 12 and 13: the signature covers the transcript through the Certificate; the CertificateVerify enters
     * the transcript only after the signature is checked.
     */
    private ExpectServerFinished onCertificateVerify(ExpectCertificateVerify state,
            Received<CertificateVerify> received) {
        byte[] signed = policy.certificateVerifyContent(transcript.hash());
        SignatureVerified verified = SignatureVerified.check(crypto, state.server(), signed,
                received.message().signature());
        transcript.add(received.frame());
        trace(Step.VERIFY_CERTIFICATE_VERIFY, "Ed25519 signature is valid",
                open("signed content", signed), open("signature", received.message().signature()));
        return new ExpectServerFinished(state.keys(), verified);
    }

    /** Step 14, first half: the server's MAC covers the transcript through the CertificateVerify. */
    private FinishedVerified onServerFinished(ExpectServerFinished state, Received<Finished> received) {
        FinishedVerified verified = FinishedVerified.check(crypto, state.keys().serverFinishedKey(),
                transcript.hash(), received.message().mac(), "server");
        transcript.add(received.frame());
        trace(Step.FINISHED, "server Finished MAC is valid", open("server Finished", received.message().mac()));
        return verified;
    }

    /**
     * Step 14, second half, and step 15: the application keys come from the transcript through the server's
     * Finished; our Finished covers the same transcript and still travels under the handshake keys.
     */
    private SecureChannel sendClientFinished(ExpectServerFinished state, FinishedVerified serverFinished) {
        byte[] throughServerFinished = transcript.hash();
        DirectionalKeys application = state.keys().applicationTraffic(throughServerFinished);
        byte[] mac = crypto.hmacSha256(state.keys().clientFinishedKey().bytes(), throughServerFinished);
        transcript.add(io.send(new Finished(mac)));
        trace(Step.FINISHED, "sent client Finished", open("client Finished", mac));
        io.protect(crypto, application);
        trace(Step.APPLICATION_DATA, "application keys derived", application.secrets());
        return new SecureChannel(io, Side.CLIENT, config.observer(), serverFinished);
    }

    private void trace(Step step, String description, TraceValue... values) {
        trace(step, description, List.of(values));
    }

    private void trace(Step step, String description, List<TraceValue> values) {
        config.observer().onEvent(new TraceEvent(Side.CLIENT, step, description, values));
    }
}
