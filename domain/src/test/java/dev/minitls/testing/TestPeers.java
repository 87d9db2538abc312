package dev.minitls.testing;

import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Client and server configurations over the test doubles, and a way to run both sides of a handshake at once. */
public final class TestPeers {

    private TestPeers() {
    }

    public static ClientConfig client(CryptoProvider crypto, TestCertificates.Pki pki, ProtocolVersion protocol) {
        return new ClientConfig(crypto, FixedRandom.counting(), Clock.fixed(TestCertificates.NOW, ZoneOffset.UTC),
                pki.root(), TestCertificates.SERVER_NAME, protocol, HandshakeObserver.NONE);
    }

    public static ServerConfig server(CryptoProvider crypto, TestCertificates.Pki pki) {
        return new ServerConfig(crypto, FixedRandom.counting(), pki.serverPem(),
                crypto.ed25519SigningKey(pki.serverKey()), HandshakeObserver.NONE);
    }

    /** The outcome of one side: its channel, or what it threw. */
    public record Outcome(SecureChannel channel, RuntimeException failure) {
    }

    /** Both sides' outcomes. */
    public record Both(Outcome client, Outcome server) {
    }

    /** Runs the server on another thread and the client on this one, over {@code transport}. */
    public static Both handshake(FakeTransport transport, WireFormats formats, ClientConfig client,
            ServerConfig server) {
        CompletableFuture<Outcome> serverSide = CompletableFuture.supplyAsync(
                () -> attempt(() -> ServerHandshake.accept(transport.server(), formats, server)));
        Outcome clientSide = attempt(() -> ClientHandshake.connect(transport.client(), formats, client));
        try {
            return new Both(clientSide, serverSide.get(2 * FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the server side did not finish", e);
        }
    }

    private static Outcome attempt(java.util.function.Supplier<SecureChannel> side) {
        try {
            return new Outcome(side.get(), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }
}
