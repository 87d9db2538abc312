package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.FORMATS;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A session whose reads fail on the server's side, after the handshake. Nothing arriving within the transport's
 * read timeout (an idle client) is no fault of the peer: the server ends the session itself, in v2 with
 * close_notify, and the peer sees a clean end. Any other failure closes the connection, after the matching alert
 * unless the server had already sent its close_notify.
 */
class ReadFailureTest {

    private final FakeTransport transport = FakeTransport.pair();
    private final FailingReads serverConnection = new FailingReads(transport.server());
    private SecureChannel client;
    private SecureChannel server;

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void aReadThatTimesOutEndsTheSessionCleanlyForThePeer(ProtocolVersion protocol) throws Exception {
        connect(protocol);
        int sentBefore = transport.server().sentFrames().size();

        serverConnection.failure = new ProtocolException(Failure.TIMEOUT, "no complete frame within the read timeout");
        Throwable timeout = catchThrowable(server::receive);

        assertThat(timeout).isSameAs(serverConnection.failure);
        assertThat(transport.server().isClosed()).as("the server's connection is closed").isTrue();
        assertThat(transport.server().sentFrames()).as("what the server sent after the timeout")
                .hasSize(sentBefore + (protocol == ProtocolVersion.V2 ? 1 : 0));
        assertThat(client.receive()).as("the client sees a clean end").isEmpty();
    }

    @Test
    void aReadThatBreaksUnexpectedlyClosesTheConnectionAfterAnInternalErrorAlert() throws Exception {
        connect(ProtocolVersion.V2);

        serverConnection.failure = new IllegalStateException("the transport broke");
        Throwable broken = catchThrowable(server::receive);

        assertThat(broken).isSameAs(serverConnection.failure);
        assertThat(transport.server().isClosed()).as("the server's connection is closed").isTrue();
        assertToldOf((ProtocolException) catchThrowable(client::receive), Alert.INTERNAL_ERROR);
    }

    @Test
    void aFailureAfterOurOwnCloseNotifyClosesTheConnectionWithNoAlertAfterIt() throws Exception {
        connect(ProtocolVersion.V2);
        server.closeOutbound();
        int sentWithCloseNotify = transport.server().sentFrames().size();

        serverConnection.failure = new ProtocolException(Failure.BAD_RECORD_MAC, "record 0 failed authentication");
        Throwable rejected = catchThrowable(server::receive);

        assertThat(rejected).isSameAs(serverConnection.failure);
        assertThat(transport.server().isClosed()).as("the server's connection is closed").isTrue();
        assertThat(transport.server().sentFrames()).as("nothing after close_notify").hasSize(sentWithCloseNotify);
        assertThat(client.receive()).as("the client sees close_notify").isEmpty();
    }

    /** A handshake, then one message from the client that the server reads normally. */
    private void connect(ProtocolVersion protocol) throws Exception {
        CompletableFuture<SecureChannel> accepting = CompletableFuture.supplyAsync(
                () -> ServerHandshake.accept(serverConnection, FORMATS, Handshakes.serverConfig()));
        client = ClientHandshake.connect(transport.client(), FORMATS,
                Handshakes.clientConfig(protocol, PKI.root(), HandshakeObserver.NONE));
        server = accepting.get(FakeTransport.PATIENCE_SECONDS, TimeUnit.SECONDS);
        client.send("before the failure".getBytes(StandardCharsets.UTF_8));
        assertThat(server.receive()).hasValue("before the failure".getBytes(StandardCharsets.UTF_8));
    }
}
