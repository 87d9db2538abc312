package dev.minitls.domain.handshake;

import static dev.minitls.domain.trace.TraceValue.open;
import static dev.minitls.domain.trace.TraceValue.secret;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.trust.ServerCertificateValidator;
import dev.minitls.domain.trust.TrustedCertificate;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.MessageIo.Received;
import dev.minitls.domain.keys.V1KeySchedule;
import dev.minitls.domain.keys.V1Keys;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.record.RecordOpener;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
import java.util.List;

/**
 * The client's whole handshake, top to bottom (seed steps 5 to 15, protocol v1).
 *
 * <p>{@link #run()} reads like the protocol: each step takes the state the previous one produced and returns the
 * next, so a step cannot run out of order, and the connected channel can only be built from the proofs that the
 * certificate, the CertificateVerify signature and the server's Finished MAC were checked. Comments say exactly when
 * each message enters the transcript.
 */
public final class ClientHandshake {

    /** The states of the client, each holding what is known at that point. */
    sealed interface State permits ExpectServerHello, ExpectCertificate, ExpectCertificateVerify, ExpectServerFinished {
    }

    record ExpectServerHello(byte[] ephemeralPrivateKey) implements State {
    }

    record ExpectCertificate(V1Keys keys) implements State {
    }

    record ExpectCertificateVerify(V1Keys keys, TrustedCertificate server) implements State {
    }

    record ExpectServerFinished(V1Keys keys, SignatureVerified signature) implements State {
    }

    private final ClientConfig config;
    private final CryptoProvider crypto;
    private final MessageIo io;
    private final Transcript transcript;
    private final ServerCertificateValidator validator;

    private ClientHandshake(FrameChannel channel, MessageCodec codec, ClientConfig config) {
        this.config = config;
        this.crypto = config.crypto();
        this.io = new MessageIo(channel, codec);
        this.transcript = new Transcript(crypto);
        this.validator = new ServerCertificateValidator(crypto, config.trustedRoot(), config.clock());
    }

    /**
     * Runs the handshake over {@code channel} and returns the secure channel. On any failure the channel is closed
     * and the {@link ProtocolException} says why; nothing is sent after the failure.
     */
    public static SecureChannel connect(FrameChannel channel, MessageCodec codec, ClientConfig config) {
        try {
            return new ClientHandshake(channel, codec, config).run();
        } catch (RuntimeException e) {
            channel.close();
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
        byte[] random = config.random().nextBytes(32);
        byte[] ephemeralPrivateKey = config.random().nextBytes(32);
        byte[] ephemeralPublicKey = crypto.x25519PublicKey(ephemeralPrivateKey);
        ClientHello hello = new ClientHello(random, ProtocolV1.V1_VERSION, ephemeralPublicKey, ProtocolV1.SUITE,
                config.serverName());
        transcript.add(io.send(hello));
        trace(Step.CLIENT_HELLO, "sent ClientHello for " + config.serverName(),
                open("ClientRandom", random), open("EphPubKey", ephemeralPublicKey));
        trace(Step.TRANSCRIPT, "transcript started with the ClientHello", open("transcript", transcript.hash()));
        return new ExpectServerHello(ephemeralPrivateKey);
    }

    /** Steps 7 to 9: check the ServerHello, add it to the transcript, agree on the shared secret, derive keys. */
    private ExpectCertificate onServerHello(ExpectServerHello state, Received<ServerHello> received) {
        ServerHello hello = received.message();
        ProtocolV1.checkHello(hello.version(), hello.suite(), hello.random(), hello.ephemeralPublicKey());
        // The ServerHello enters the transcript as received.
        transcript.add(received.frame());
        trace(Step.SERVER_HELLO, "received ServerHello",
                open("ServerRandom", hello.random()), open("EphPubKey", hello.ephemeralPublicKey()),
                open("transcript", transcript.hash()));
        byte[] shared = ProtocolV1.agree(crypto, state.ephemeralPrivateKey(), hello.ephemeralPublicKey());
        trace(Step.SHARED_SECRET, "X25519(client private key, server EphPubKey)", secret("shared secret", shared));
        V1Keys keys = V1KeySchedule.derive(crypto, shared);
        trace(Step.HANDSHAKE_KEY, "HKDF-SHA256(shared secret, info \"Handshake Data\")",
                secret("derived_key", keys.derivedKey().bytes()));
        return new ExpectCertificate(keys);
    }

    /** Steps 10 and 11: parse and check the certificate; it enters the transcript once trusted. */
    private ExpectCertificateVerify onCertificate(ExpectCertificate state, Received<CertificateMessage> received) {
        Certificate certificate = ProtocolV1.parseCertificate(crypto, received.message().certificatePem());
        trace(Step.CERTIFICATE, "received the server certificate",
                open("subject " + certificate.subjectText(), certificate.der()));
        TrustedCertificate trusted = validator.validate(certificate, config.serverName());
        transcript.add(received.frame());
        trace(Step.VERIFY_CERTIFICATE, "issued by " + certificate.issuerText() + ", signature valid, valid now, "
                + "names " + config.serverName(), open("transcript", transcript.hash()));
        return new ExpectCertificateVerify(state.keys(), trusted);
    }

    /**
     * Steps 12 and 13: the signature covers the transcript through the Certificate; the CertificateVerify enters
     * the transcript only after the signature is checked.
     */
    private ExpectServerFinished onCertificateVerify(ExpectCertificateVerify state,
            Received<CertificateVerify> received) {
        byte[] signed = transcript.hash();
        SignatureVerified verified = SignatureVerified.check(crypto, state.server(), signed,
                received.message().signature());
        transcript.add(received.frame());
        trace(Step.VERIFY_CERTIFICATE_VERIFY, "Ed25519 signature over the transcript hash is valid",
                open("signed transcript hash", signed), open("signature", received.message().signature()));
        return new ExpectServerFinished(state.keys(), verified);
    }

    /** Step 14, first half: the server's MAC covers the transcript through the CertificateVerify. */
    private FinishedVerified onServerFinished(ExpectServerFinished state, Received<Finished> received) {
        byte[] transcriptHash = transcript.hash();
        FinishedVerified verified = FinishedVerified.check(crypto, state.keys().serverFinishedKey(), transcriptHash,
                received.message().mac(), "server");
        transcript.add(received.frame());
        trace(Step.FINISHED, "server Finished MAC is valid", open("server Finished", received.message().mac()));
        return verified;
    }

    /** Step 14, second half, and step 15: send our Finished over the transcript through the server's Finished. */
    private SecureChannel sendClientFinished(ExpectServerFinished state, FinishedVerified serverFinished) {
        byte[] mac = crypto.hmacSha256(state.keys().clientFinishedKey().bytes(), transcript.hash());
        transcript.add(io.send(new Finished(mac)));
        trace(Step.FINISHED, "sent client Finished", open("client Finished", mac));
        V1Keys keys = state.keys();
        return new SecureChannel(io, Side.CLIENT, config.observer(),
                new RecordSealer(crypto, keys.clientToServer()),
                new RecordOpener(crypto, keys.serverToClient()),
                serverFinished);
    }

    private void trace(Step step, String description, TraceValue... values) {
        config.observer().onEvent(new TraceEvent(Side.CLIENT, step, description, List.of(values)));
    }
}
