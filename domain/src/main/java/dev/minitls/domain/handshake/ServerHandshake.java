package dev.minitls.domain.handshake;

import static dev.minitls.domain.trace.TraceValue.open;
import static dev.minitls.domain.trace.TraceValue.secret;

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
 * The server's whole handshake, top to bottom (seed steps 5 to 15, protocol v1): one ClientHello in; ServerHello,
 * Certificate, CertificateVerify and Finished out; the client's Finished in. Every handshake message enters the
 * transcript as it is sent or, once checked, as it was received.
 */
public final class ServerHandshake {

    /** The states of the server, each holding what is known at that point. */
    sealed interface State permits ExpectClientHello, ExpectClientFinished {
    }

    record ExpectClientHello() implements State {
    }

    record ExpectClientFinished(V1Keys keys) implements State {
    }

    private final ServerConfig config;
    private final CryptoProvider crypto;
    private final MessageIo io;
    private final Transcript transcript;

    private ServerHandshake(FrameChannel channel, MessageCodec codec, ServerConfig config) {
        this.config = config;
        this.crypto = config.crypto();
        this.io = new MessageIo(channel, codec);
        this.transcript = new Transcript(crypto);
    }

    /**
     * Runs the server's side of the handshake over {@code channel}. On any failure the channel is closed and the
     * {@link dev.minitls.domain.error.ProtocolException} says why; nothing is sent after the failure.
     */
    public static SecureChannel accept(FrameChannel channel, MessageCodec codec, ServerConfig config) {
        try {
            return new ServerHandshake(channel, codec, config).run();
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private SecureChannel run() {
        ExpectClientFinished expectClientFinished = onClientHello(new ExpectClientHello(),
                io.receive(MessageType.CLIENT_HELLO, ClientHello.class));
        return onClientFinished(expectClientFinished, io.receive(MessageType.FINISHED, Finished.class));
    }

    /** Steps 5 to 14 on the server: answer a valid ClientHello with everything up to our Finished. */
    private ExpectClientFinished onClientHello(ExpectClientHello state, Received<ClientHello> received) {
        ClientHello hello = received.message();
        ProtocolV1.checkHello(hello.version(), hello.suite(), hello.random(), hello.ephemeralPublicKey());
        // The ClientHello starts the transcript, as received.
        transcript.add(received.frame());
        trace(Step.CLIENT_HELLO, "received ClientHello for " + hello.serverName(),
                open("ClientRandom", hello.random()), open("EphPubKey", hello.ephemeralPublicKey()),
                open("transcript", transcript.hash()));

        byte[] random = config.random().nextBytes(32);
        byte[] ephemeralPrivateKey = config.random().nextBytes(32);
        byte[] ephemeralPublicKey = crypto.x25519PublicKey(ephemeralPrivateKey);
        transcript.add(io.send(new ServerHello(random, ProtocolV1.V1_VERSION, ephemeralPublicKey, ProtocolV1.SUITE)));
        trace(Step.SERVER_HELLO, "sent ServerHello", open("ServerRandom", random),
                open("EphPubKey", ephemeralPublicKey), open("transcript", transcript.hash()));

        byte[] shared = ProtocolV1.agree(crypto, ephemeralPrivateKey, hello.ephemeralPublicKey());
        trace(Step.SHARED_SECRET, "X25519(server private key, client EphPubKey)", secret("shared secret", shared));
        V1Keys keys = V1KeySchedule.derive(crypto, shared);
        trace(Step.HANDSHAKE_KEY, "HKDF-SHA256(shared secret, info \"Handshake Data\")",
                secret("derived_key", keys.derivedKey().bytes()));

        transcript.add(io.send(new CertificateMessage(config.certificatePem())));
        trace(Step.CERTIFICATE, "sent the server certificate", open("transcript", transcript.hash()));

        // The signature covers the transcript through the Certificate.
        byte[] signedHash = transcript.hash();
        byte[] signature = config.signingKey().sign(signedHash);
        transcript.add(io.send(new CertificateVerify(signature)));
        trace(Step.CERTIFICATE_VERIFY, "signed the transcript hash with the certificate's key",
                open("signed transcript hash", signedHash), open("signature", signature));

        // Our Finished covers the transcript through the CertificateVerify.
        byte[] mac = crypto.hmacSha256(keys.serverFinishedKey().bytes(), transcript.hash());
        transcript.add(io.send(new Finished(mac)));
        trace(Step.FINISHED, "sent server Finished", open("server Finished", mac));
        return new ExpectClientFinished(keys);
    }

    /** Step 14, last message: the client's MAC covers the transcript through our Finished. */
    private SecureChannel onClientFinished(ExpectClientFinished state, Received<Finished> received) {
        FinishedVerified clientFinished = FinishedVerified.check(crypto, state.keys().clientFinishedKey(),
                transcript.hash(), received.message().mac(), "client");
        transcript.add(received.frame());
        trace(Step.FINISHED, "client Finished MAC is valid", open("client Finished", received.message().mac()));
        V1Keys keys = state.keys();
        return new SecureChannel(io, Side.SERVER, config.observer(),
                new RecordSealer(crypto, keys.serverToClient()),
                new RecordOpener(crypto, keys.clientToServer()),
                clientFinished);
    }

    private void trace(Step step, String description, TraceValue... values) {
        config.observer().onEvent(new TraceEvent(Side.SERVER, step, description, List.of(values)));
    }
}
