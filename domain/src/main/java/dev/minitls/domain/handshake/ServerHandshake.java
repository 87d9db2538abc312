package dev.minitls.domain.handshake;

import static dev.minitls.domain.trace.TraceValue.open;
import static dev.minitls.domain.trace.TraceValue.secret;
import static dev.minitls.domain.trace.TraceValue.text;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.MessageIo.Received;
import dev.minitls.domain.handshake.MessageIo.Sent;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server's whole handshake, top to bottom (seed steps 5 to 15): one ClientHello in; ServerHello, Certificate,
 * CertificateVerify and Finished out; the client's Finished in. The ClientHello decides the protocol: a v2 hello
 * gets a v2 handshake, a v1 hello the original protocol. Every handshake message enters the transcript as it is
 * sent or, once checked, as it was received. Each step is reported to the configured observer once it is done, and a
 * failure with the alert sent.
 */
public final class ServerHandshake {

    /** The states of the server, each holding what is known at that point. */
    sealed interface State permits ExpectClientHello, ExpectClientFinished {
    }

    record ExpectClientHello() implements State {
    }

    record ExpectClientFinished(HandshakeKeys keys, DirectionalKeys application) implements State {
    }

    /** The protocols a server tries a ClientHello against, newest first. */
    private static final List<ProtocolVersion> SUPPORTED = List.of(ProtocolVersion.V2, ProtocolVersion.V1);

    private final ServerConfig config;
    private final CryptoProvider crypto;
    private final VersionPolicy policy;
    private final MessageIo io;
    private final Tracer tracer;
    private final TracedTranscript transcript;

    private ServerHandshake(MessageIo io, ServerConfig config, Tracer tracer) {
        this.config = config;
        this.crypto = config.crypto();
        this.policy = io.policy();
        this.io = io;
        this.tracer = tracer;
        this.transcript = new TracedTranscript(crypto, tracer);
    }

    /**
     * Runs the server's side of the handshake over {@code channel}. On any failure the client is sent the matching
     * alert (v2), the channel is closed, and the {@link ProtocolException} says why; a client of a protocol the
     * configuration does not accept is refused so ({@code protocol_version} in v2, a close in v1).
     */
    public static SecureChannel accept(FrameChannel channel, WireFormats formats, ServerConfig config) {
        Tracer tracer = new Tracer(config.observer(), Side.SERVER, channel.peer());
        Opening opening;
        try {
            opening = readOpening(channel.receive(), formats);
        } catch (RuntimeException e) {
            // No protocol yet, so no alert: the connection is closed.
            channel.close();
            tracer.handshakeFailed(e, MessageIo.Ending.SILENT);
            throw e;
        }
        MessageIo io = new MessageIo(channel, formats, opening.version().policy(), Side.SERVER);
        try {
            ServerHandshake handshake = new ServerHandshake(io, config, tracer);
            Received<ClientHello> hello =
                    io.first(opening.message(), opening.frame(), MessageType.CLIENT_HELLO, ClientHello.class);
            // Only a ClientHello is refused for its protocol: a first alert is reported, never answered.
            config.requireAccepted(opening.version());
            return handshake.onClientFinished(handshake.onClientHello(new ExpectClientHello(), hello),
                    io.receive(MessageType.FINISHED, Finished.class));
        } catch (RuntimeException e) {
            tracer.handshakeFailed(e, io.abort(e));
            throw e;
        }
    }

    /** The first message, the exact frame it came in, and the protocol it was written in. */
    private record Opening(ProtocolVersion version, Message message, byte[] frame) {
    }

    /**
     * Reads the first frame as a message of the first protocol whose codec accepts it. It is checked to be a
     * ClientHello once the protocol is known, so that a v2 message of another kind is answered as at every later
     * step: with {@code unexpected_message}, in clear.
     */
    private static Opening readOpening(byte[] frame, WireFormats formats) {
        StringBuilder reasons = new StringBuilder();
        for (ProtocolVersion version : SUPPORTED) {
            try {
                return new Opening(version, version.policy().codec(formats).decode(frame, MessageType.CLIENT_HELLO),
                        frame);
            } catch (ProtocolException e) {
                reasons.append(version).append(": ").append(e.getMessage()).append("; ");
            }
        }
        throw new ProtocolException(Failure.MALFORMED_MESSAGE,
                "the first message is not a ClientHello of any supported protocol (" + reasons.toString().strip()
                        + ")");
    }

    /** Steps 5 to 14 on the server: answer a valid ClientHello with everything up to our Finished. */
    private ExpectClientFinished onClientHello(ExpectClientHello state, Received<ClientHello> received) {
        ClientHello hello = received.message();
        policy.checkHello(hello.version(), hello.suite(), hello.random(), hello.ephemeralPublicKey());
        tracer.step(Step.CLIENT_HELLO, "received ClientHello (" + policy.version() + ") for " + hello.serverName(),
                open("random", hello.random()), open("key share", hello.ephemeralPublicKey()));
        // The ClientHello starts the transcript, as received.
        transcript.add("ClientHello", received.frame());

        byte[] random = config.random().nextBytes(VersionPolicy.RANDOM_LENGTH);
        byte[] ephemeralPrivateKey = config.random().nextBytes(VersionPolicy.KEY_SHARE_LENGTH);
        byte[] ephemeralPublicKey = crypto.x25519PublicKey(ephemeralPrivateKey);
        byte[] shared = VersionPolicy.agree(crypto, ephemeralPrivateKey, hello.ephemeralPublicKey());
        Sent serverHello = io.send(
                new ServerHello(random, policy.version().number(), ephemeralPublicKey, policy.suite()));
        tracer.step(Step.SERVER_HELLO, "sent ServerHello (" + policy.suite() + ")", open("random", random),
                open("key share", ephemeralPublicKey));
        transcript.add("ServerHello", serverHello.frame());
        tracer.step(Step.SHARED_SECRET, "X25519(server private key, client key share)",
                secret("shared secret", shared));

        // In v2 everything after the ServerHello is encrypted under the handshake traffic keys.
        HandshakeKeys keys = policy.handshakeKeys(crypto, shared, transcript.hash());
        keys.handshakeTraffic().ifPresent(traffic -> io.protect(crypto, traffic));
        tracer.step(Step.HANDSHAKE_KEY, keys.derivation(), keys.secrets());

        byte[] certificatePem = config.certificatePem();
        Sent certificate = io.send(new CertificateMessage(certificatePem));
        tracer.step(Step.CERTIFICATE, "sent the server certificate", certificate.record(),
                text("certificate (PEM)", new String(certificatePem, StandardCharsets.US_ASCII)));
        transcript.add("Certificate", certificate.frame());

        // The signature covers the transcript through the Certificate.
        byte[] signed = policy.certificateVerifyContent(transcript.hash());
        byte[] signature = config.signingKey().sign(signed);
        Sent certificateVerify = io.send(new CertificateVerify(signature));
        tracer.step(Step.CERTIFICATE_VERIFY, "signed the transcript with the certificate's Ed25519 key",
                certificateVerify.record(), open("signed content", signed), open("signature", signature));
        transcript.add("CertificateVerify", certificateVerify.frame());

        // Our Finished covers the transcript through the CertificateVerify.
        byte[] mac = crypto.hmacSha256(keys.serverFinishedKey().bytes(), transcript.hash());
        Sent finished = io.send(new Finished(mac));
        tracer.step(Step.FINISHED, "sent server Finished: HMAC-SHA256(server finished key, transcript hash)",
                finished.record(), open("server Finished", mac));
        transcript.add("server Finished", finished.frame());
        // The application keys cover the transcript through our Finished. In v2, as in TLS 1.3, we write under ours
        // from now on: the client reads under them once it has sent its Finished, so it can read our alert if we
        // refuse that Finished, which we still read under the client's handshake key.
        DirectionalKeys application = keys.applicationTraffic(transcript.hash());
        keys.handshakeTraffic().ifPresent(handshake -> io.protect(crypto,
                new DirectionalKeys(handshake.clientToServer(), application.serverToClient(), List.of())));
        return new ExpectClientFinished(keys, application);
    }

    /** Step 14, last message: the client's MAC covers the transcript through our Finished. */
    private SecureChannel onClientFinished(ExpectClientFinished state, Received<Finished> received) {
        FinishedVerified clientFinished = FinishedVerified.check(crypto, state.keys().clientFinishedKey(),
                transcript.hash(), received.message().mac(), "client");
        tracer.step(Step.FINISHED, "the client's Finished MAC matches our transcript", received.record(),
                open("client Finished", received.message().mac()));
        transcript.add("client Finished", received.frame());
        if (state.keys().handshakeTraffic().isPresent()) {
            io.protectReads(crypto, state.application());
        } else {
            io.protect(crypto, state.application());
        }
        tracer.step(Step.APPLICATION_DATA, "application keys in use", state.application().secrets());
        return new SecureChannel(io, Side.SERVER, config.observer(), clientFinished);
    }
}
