package dev.minitls.domain.handshake;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.MessageIo.Received;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.handshake.MessageIo.Sent;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trust.ServerCertificateValidator;
import dev.minitls.domain.trust.TrustedCertificate;

/**
 * The client's whole handshake, top to bottom (seed steps 5 to 15), for protocol v1 and v2 alike: where they differ
 * (keys, what is signed, whether the rest of the handshake is encrypted) the {@link VersionPolicy} decides.
 *
 * <p>{@link #run()} reads like the protocol: each step takes the state the previous one produced and returns the
 * next, so a step cannot run out of order, and the secure channel can only be built from the proofs that the
 * certificate, the CertificateVerify signature and the server's Finished MAC were checked. Comments say exactly when
 * each message enters the transcript. Each step is reported to the configured observer once it is done; a check that
 * fails is never reported as done, but the failure is, with the alert sent.
 */
public final class ClientHandshake extends Handshake {

    /** The states of the client, each holding what is known at that point. */
    sealed interface State permits ExpectServerHello, ExpectCertificate, ExpectCertificateVerify, ExpectServerFinished {
    }

    record ExpectServerHello(Secret ephemeralPrivateKey) implements State {
    }

    record ExpectCertificate(HandshakeKeys keys) implements State {
    }

    record ExpectCertificateVerify(HandshakeKeys keys, TrustedCertificate server) implements State {
    }

    record ExpectServerFinished(HandshakeKeys keys, SignatureVerified signature) implements State {
    }

    private final ClientConfig config;
    private final ServerCertificateValidator validator;

    private ClientHandshake(MessageIo io, ClientConfig config, Tracer tracer) {
        super(io, config.crypto(), tracer);
        this.config = config;
        this.validator = new ServerCertificateValidator(crypto, config.trustAnchors(), config.clock(),
                policy.leafNames());
    }

    /**
     * Runs the handshake over {@code channel} in the configured protocol and returns the secure channel. On any
     * failure the server is sent the matching alert (v2), the channel is closed, and the
     * {@link dev.minitls.domain.error.ProtocolException} says why. Either way the handshake's secrets are wiped, and
     * on failure the record keys too.
     */
    public static SecureChannel connect(FrameChannel channel, WireFormats formats, ClientConfig config) {
        MessageIo io =
                new MessageIo(channel, config.crypto(), formats, VersionPolicy.of(config.protocol()), Side.CLIENT);
        Tracer tracer = new Tracer(config.observer(), Side.CLIENT, channel.peer());
        try {
            return new ClientHandshake(io, config, tracer).run();
        } catch (RuntimeException e) {
            tracer.handshakeFailed(e, io.abort(e));
            io.destroyKeys();
            throw e;
        }
    }

    private SecureChannel run() {
        try {
            return steps();
        } finally {
            wipe();
        }
    }

    private SecureChannel steps() {
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
        Secret ephemeralPrivateKey = ephemeralPrivateKey(config.random());
        byte[] ephemeralPublicKey = publicKey(ephemeralPrivateKey);
        ClientHello hello = new ClientHello(random, policy.number(), ephemeralPublicKey, policy.suite(),
                config.serverName());
        Sent sent = io.send(hello);
        tracer.tell(new Event.HelloSent(hello));
        transcript.add(MessageType.CLIENT_HELLO, Side.CLIENT, sent.frame());
        return new ExpectServerHello(ephemeralPrivateKey);
    }

    /**
     * Steps 7 to 9: check the ServerHello, add it to the transcript, agree on the shared secret, derive the keys.
     * In v2 everything after this point is encrypted under the handshake traffic keys.
     */
    private ExpectCertificate onServerHello(ExpectServerHello state, Received<ServerHello> received) {
        ServerHello hello = received.message();
        policy.checkHello(hello);
        tracer.tell(new Event.HelloReceived(hello));
        // The ServerHello enters the transcript as received.
        transcript.add(MessageType.SERVER_HELLO, Side.SERVER, received.frame());
        Secret shared = agree(state.ephemeralPrivateKey(), hello.ephemeralPublicKey());
        tracer.tell(Step.SHARED_SECRET, () -> new Event.SharedSecretAgreed(shared));
        return new ExpectCertificate(deriveHandshakeKeys(shared));
    }

    /** Steps 10 and 11: parse and check the certificate; it enters the transcript once trusted. */
    private ExpectCertificateVerify onCertificate(ExpectCertificate state, Received<CertificateMessage> received) {
        byte[] pem = received.message().certificatePem();
        Certificate certificate = VersionPolicy.parseCertificate(crypto, pem);
        tracer.tell(received.record(), record -> new Event.CertificateReceived(certificate, pem, record));
        TrustedCertificate trusted = validator.validate(certificate, config.serverName());
        if (!certificate.hasEd25519Key()) {
            // v1 and v2 sign the transcript with Ed25519 only
            throw new ProtocolException(Failure.UNSUPPORTED_CERTIFICATE,
                    "the server's key is " + PeerText.quote(certificate.keyAlgorithm()) + ", not Ed25519");
        }
        tracer.tell(new Event.CertificateChecked(certificate, trusted.trustAnchor(), config.serverName()));
        transcript.add(MessageType.CERTIFICATE, Side.SERVER, received.frame());
        return new ExpectCertificateVerify(state.keys(), trusted);
    }

    /**
     * Steps 12 and 13: the signature covers the transcript through the Certificate; the CertificateVerify enters
     * the transcript only after the signature is checked.
     */
    private ExpectServerFinished onCertificateVerify(ExpectCertificateVerify state,
            Received<CertificateVerify> received) {
        byte[] signed = policy.certificateVerifyContent(transcript.hash());
        byte[] signature = received.message().signature();
        SignatureVerified verified = SignatureVerified.check(crypto, SignatureAlgorithm.ED25519, state.server(), signed,
                signature);
        tracer.tell(received.record(),
                record -> new Event.SignatureChecked(signed, signature, state.server().publicKey(), record));
        transcript.add(MessageType.CERTIFICATE_VERIFY, Side.SERVER, received.frame());
        return new ExpectServerFinished(state.keys(), verified);
    }

    /** Step 14, first half: the server's MAC covers the transcript through the CertificateVerify. */
    private FinishedVerified onServerFinished(ExpectServerFinished state, Received<Finished> received) {
        FinishedVerified verified = FinishedVerified.check(crypto, state.keys().serverFinishedKey(),
                transcript.hash(), received.message().mac(), "server");
        tracer.tell(received.record(), record -> new Event.FinishedChecked(received.message().mac(), record));
        transcript.add(MessageType.FINISHED, Side.SERVER, received.frame());
        return verified;
    }

    /**
     * Step 14, second half, and step 15: the application keys come from the transcript through the server's
     * Finished; our Finished covers the same transcript and still travels under the handshake keys.
     */
    private SecureChannel sendClientFinished(ExpectServerFinished state, FinishedVerified serverFinished) {
        byte[] throughServerFinished = transcript.hash();
        DirectionalKeys application = own(state.keys()
                .applicationTraffic(ThroughServerFinished.verified(serverFinished, throughServerFinished)));
        byte[] mac = FinishedVerified.mac(crypto, state.keys().clientFinishedKey(), throughServerFinished);
        Sent sent = io.send(new Finished(mac));
        tracer.tell(sent.record(), record -> new Event.FinishedSent(mac, record));
        transcript.add(MessageType.FINISHED, Side.CLIENT, sent.frame());
        // The handshake is over for the server too once this returns: our Finished leaves now, not with our data.
        io.flush();
        io.protect(application);
        applicationKeysInUse(application);
        return new SecureChannel(io, Side.CLIENT, config.observer(), serverFinished);
    }
}
