package dev.minitls.cli.kat;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.minitls.cli.support.TraceRecorder;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.ForwardingFrameChannel;
import dev.minitls.domain.port.FrameChannel;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FixedRandom;
import dev.minitls.transport.json.JsonLinesV1Codec;
import dev.minitls.transport.json.JsonLinesV2Codec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The session the known answers record, over {@link FakeTransport} with the real codecs: a v2 handshake, the
 * client sends the application data, the server echoes it, the client sends close_notify and the server answers
 * with its own. Each side's part is also available alone, so that a test can play the other side from the record.
 */
final class V2Session {

    static final WireFormats FORMATS = new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec());

    private V2Session() {
    }

    /**
     * What a whole session left behind.
     *
     * @param wire every frame in the order it was sent, both directions
     * @param clientTrace what the client traced
     * @param serverTrace what the server traced
     */
    record Recorded(List<WireFrame> wire, TraceRecorder clientTrace, TraceRecorder serverTrace) {
    }

    /** Runs both sides, the server on another thread, and records every frame with its sender. */
    static Recorded run(KatInputs inputs, Pki pki, CryptoProvider crypto) {
        FakeTransport transport = FakeTransport.pair();
        List<WireFrame> wire = Collections.synchronizedList(new ArrayList<>());
        TraceRecorder clientTrace = new TraceRecorder();
        TraceRecorder serverTrace = new TraceRecorder();
        ServerConfig serverConfig = serverConfig(inputs, pki, crypto, serverTrace);
        ClientConfig clientConfig = clientConfig(inputs, pki, crypto, clientTrace);
        CompletableFuture<String> server = CompletableFuture.supplyAsync(
                () -> server(new Recording(transport.server(), Side.SERVER, wire), serverConfig));
        client(new Recording(transport.client(), Side.CLIENT, wire), clientConfig, inputs.applicationData());
        try {
            server.get(2 * FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the server side failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the server side did not finish", e);
        }
        return new Recorded(List.copyOf(wire), clientTrace, serverTrace);
    }

    /** The client of the session, with the pinned random, ephemeral key and clock. */
    static ClientConfig clientConfig(KatInputs inputs, Pki pki, CryptoProvider crypto, HandshakeObserver observer) {
        return new ClientConfig(crypto,
                new FixedRandom(inputs.clientRandom(), inputs.clientEphemeralPrivateKey()),
                Clock.fixed(inputs.clientClock(), ZoneOffset.UTC),
                crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, pki.rootCertificatePem().getBytes(US_ASCII))),
                inputs.serverName(), ProtocolVersion.V2, observer);
    }

    /** The server of the session, with the pinned random and ephemeral key. */
    static ServerConfig serverConfig(KatInputs inputs, Pki pki, CryptoProvider crypto, HandshakeObserver observer) {
        byte[] pkcs8 = Pem.decode("PRIVATE KEY", pki.serverPrivateKeyPem().getBytes(US_ASCII));
        return new ServerConfig(crypto,
                new FixedRandom(inputs.serverRandom(), inputs.serverEphemeralPrivateKey()),
                pki.serverCertificatePem().getBytes(US_ASCII), crypto.signingKey(pkcs8), observer);
    }

    /** The client's part: handshake, send {@code message}, read the echo, close both ways; returns the echo. */
    static String client(FrameChannel channel, ClientConfig config, String message) {
        try (SecureChannel secure = ClientHandshake.connect(channel, FORMATS, config)) {
            secure.send(message.getBytes(UTF_8));
            String echo = secure.receive().map(bytes -> new String(bytes, UTF_8))
                    .orElseThrow(() -> new IllegalStateException("the server closed instead of echoing"));
            secure.closeOutbound();
            if (secure.receive().isPresent()) {
                throw new IllegalStateException("the server sent more data instead of its close_notify");
            }
            return echo;
        }
    }

    /** The server's part: handshake, echo one message, answer close_notify; returns what it received. */
    static String server(FrameChannel channel, ServerConfig config) {
        try (SecureChannel secure = ServerHandshake.accept(channel, FORMATS, config)) {
            byte[] message = secure.receive()
                    .orElseThrow(() -> new IllegalStateException("the client closed without sending anything"));
            secure.send(message);
            if (secure.receive().isPresent()) {
                throw new IllegalStateException("the client sent more data instead of its close_notify");
            }
            return new String(message, UTF_8);
        }
    }

    /**
     * An endpoint that adds every frame it sends to a log both ends share. A frame is logged before it leaves, and
     * each side only sends after receiving what it answers, so the log holds the frames in the session's order.
     */
    private static final class Recording extends ForwardingFrameChannel {

        private final Side side;
        private final List<WireFrame> log;

        Recording(FrameChannel endpoint, Side side, List<WireFrame> log) {
            super(endpoint);
            this.side = side;
            this.log = log;
        }

        @Override
        public void send(byte[] frame) {
            log.add(new WireFrame(side, frame));
            super.send(frame);
        }
    }
}
