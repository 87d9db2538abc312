package dev.minitls.domain.handshake;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.MessageIo.Received;
import dev.minitls.domain.handshake.MessageIo.Sent;
import dev.minitls.domain.keys.Secret;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import java.util.List;
import java.util.Map;

/**
 * The server's whole handshake, top to bottom (seed steps 5 to 15): one ClientHello in; ServerHello, Certificate,
 * CertificateVerify and Finished out; the client's Finished in. The ClientHello decides the protocol: a v2 hello
 * gets a v2 handshake, a v1 hello the original protocol. Every handshake message enters the transcript as it is
 * sent or, once checked, as it was received. Each step is reported to the configured observer once it is done, and a
 * failure with the alert sent.
 */
public final class ServerHandshake extends Handshake {

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

    private ServerHandshake(MessageIo io, ServerConfig config, Tracer tracer) {
        super(io, config.crypto(), tracer);
        this.config = config;
    }

    /**
     * Runs the server's side of the handshake over {@code channel}. On any failure the client is sent the matching
     * alert (v2), the channel is closed, and the {@link ProtocolException} says why; a client of a protocol the
     * configuration does not accept is refused so ({@code protocol_version} in v2, a close in v1). Either way the
     * handshake's secrets are wiped, and on failure the record keys too.
     */
    public static SecureChannel accept(FrameChannel channel, WireFormats formats, ServerConfig config) {
        Tracer tracer = new Tracer(config.observer(), Side.SERVER, channel.peer());
        Opening opening;
        try {
            opening = readOpening(channel.receive(), formats);
        } catch (RuntimeException e) {
            throw refuse(channel, config, e);
        }
        MessageIo io =
                new MessageIo(channel, config.crypto(), formats, VersionPolicy.of(opening.version()), Side.SERVER);
        try {
            Received<ClientHello> hello =
                    io.first(opening.message(), opening.frame(), MessageType.CLIENT_HELLO, ClientHello.class);
            // Only a ClientHello is refused for its protocol: a first alert is reported, never answered.
            config.requireAccepted(opening.version());
            return new ServerHandshake(io, config, tracer).run(hello);
        } catch (RuntimeException e) {
            tracer.handshakeFailed(e, io.abort(e));
            io.destroyKeys();
            throw e;
        }
    }

    /**
     * Ends a connection refused before its protocol is known (its first message or byte did not come, or starts no
     * protocol this server speaks): no protocol, so no alert; the connection is closed and the failure traced as
     * the handshake's.
     *
     * @return {@code failure}, for the caller to throw
     */
    public static RuntimeException refuse(FrameChannel channel, ServerConfig config, RuntimeException failure) {
        channel.close();
        new Tracer(config.observer(), Side.SERVER, channel.peer()).handshakeFailed(failure, MessageIo.Ending.SILENT);
        return failure;
    }

    private SecureChannel run(Received<ClientHello> hello) {
        try {
            return onClientFinished(onClientHello(new ExpectClientHello(), hello),
                    io.receive(MessageType.FINISHED, Finished.class));
        } finally {
            wipe();
        }
    }

    /**
     * Checks, when a server starts, that it can send its certificate in every protocol it speaks. Protocol v2 sends
     * each handshake message in one record of at most {@value RecordLimits#MAX_PLAINTEXT} bytes (a message never
     * spans records), and its Certificate message holds the hex of the PEM text: a PEM over about 8 KiB would fail
     * every v2 handshake with {@code internal_error}, so it is refused here instead. Protocol v1's frames are larger.
     *
     * @throws IllegalArgumentException saying how large the Certificate message is and what limit it exceeds
     */
    public static void checkCertificateFits(ServerConfig config, WireFormats formats) {
        byte[] pem = config.certificatePem();
        int length = formats.v2().encode(new CertificateMessage(pem)).length;
        if (length > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("the certificate is too large for protocol v2: its " + pem.length
                    + "-byte PEM makes a Certificate message of " + length + " bytes, over the "
                    + RecordLimits.MAX_PLAINTEXT + " bytes of one v2 record, and a v2 handshake message never spans"
                    + " records (a certificate with fewer names or extensions fits)");
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
                return new Opening(version,
                        VersionPolicy.of(version).codec(formats).decode(frame, MessageType.CLIENT_HELLO),
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
        policy.checkHello(hello);
        tracer.tell(new Event.HelloReceived(hello));
        // The ClientHello starts the transcript, as received.
        transcript.add(MessageType.CLIENT_HELLO, Side.CLIENT, received.frame());

        byte[] random = config.random().nextBytes(VersionPolicy.RANDOM_LENGTH);
        Secret ephemeralPrivateKey = ephemeralPrivateKey(config.random());
        byte[] ephemeralPublicKey = publicKey(ephemeralPrivateKey);
        Secret shared = agree(ephemeralPrivateKey, hello.ephemeralPublicKey());
        ServerHello serverHello = new ServerHello(random, policy.number(), ephemeralPublicKey, policy.suite());
        Sent serverHelloSent = io.send(serverHello);
        tracer.tell(new Event.HelloSent(serverHello));
        transcript.add(MessageType.SERVER_HELLO, Side.SERVER, serverHelloSent.frame());
        tracer.tell(Step.SHARED_SECRET, () -> new Event.SharedSecretAgreed(shared));
        HandshakeKeys keys = deriveHandshakeKeys(shared);

        byte[] certificatePem = config.certificatePem();
        Sent certificate = io.send(new CertificateMessage(certificatePem));
        tracer.tell(certificate.record(), record -> new Event.CertificateSent(certificatePem, record));
        transcript.add(MessageType.CERTIFICATE, Side.SERVER, certificate.frame());

        // The signature covers the transcript through the Certificate.
        byte[] signed = policy.certificateVerifyContent(transcript.hash());
        byte[] signature = config.signingKey().sign(signed);
        Sent certificateVerify = io.send(new CertificateVerify(signature));
        tracer.tell(certificateVerify.record(), record -> new Event.TranscriptSigned(signed, signature, record));
        transcript.add(MessageType.CERTIFICATE_VERIFY, Side.SERVER, certificateVerify.frame());

        // Our Finished covers the transcript through the CertificateVerify.
        byte[] mac = FinishedVerified.mac(crypto, keys.serverFinishedKey(), transcript.hash());
        Sent finished = io.send(new Finished(mac));
        tracer.tell(finished.record(), record -> new Event.FinishedSent(mac, record));
        transcript.add(MessageType.FINISHED, Side.SERVER, finished.frame());
        // The application keys cover the transcript through our Finished. In v2, as in TLS 1.3, we write under ours
        // from now on: the client reads under them once it has sent its Finished, so it can read our alert if we
        // refuse that Finished, which we still read under the client's handshake key.
        DirectionalKeys application =
                own(keys.applicationTraffic(ThroughServerFinished.sent(finished, transcript.hash())));
        keys.handshakeTraffic().ifPresent(handshake -> io.protect(
                new DirectionalKeys(handshake.clientToServer(), application.serverToClient(), Map.of())));
        return new ExpectClientFinished(keys, application);
    }

    /** Step 14, last message: the client's MAC covers the transcript through our Finished. */
    private SecureChannel onClientFinished(ExpectClientFinished state, Received<Finished> received) {
        FinishedVerified clientFinished = FinishedVerified.check(crypto, state.keys().clientFinishedKey(),
                transcript.hash(), received.message().mac(), "client");
        tracer.tell(received.record(), record -> new Event.FinishedChecked(received.message().mac(), record));
        transcript.add(MessageType.FINISHED, Side.CLIENT, received.frame());
        if (state.keys().handshakeTraffic().isPresent()) {
            io.protectReads(state.application());
        } else {
            io.protect(state.application());
        }
        applicationKeysInUse(state.application());
        return new SecureChannel(io, Side.SERVER, config.observer(), clientFinished);
    }
}
