package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE;
import static dev.minitls.domain.handshake.Handshakes.CERTIFICATE_VERIFY;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.CLIENT_HELLO;
import static dev.minitls.domain.handshake.Handshakes.SERVER_FINISHED;
import static dev.minitls.domain.handshake.Handshakes.SERVER_HELLO;
import static dev.minitls.domain.handshake.Handshakes.bytes;
import static dev.minitls.domain.handshake.V2Handshakes.APPLICATION_DATA;
import static dev.minitls.domain.handshake.V2Handshakes.HANDSHAKE;
import static dev.minitls.domain.handshake.V2Handshakes.assertToldOf;
import static dev.minitls.domain.handshake.V2Handshakes.inner;
import static dev.minitls.domain.handshake.V2Handshakes.receiveFails;
import static dev.minitls.domain.handshake.V2Handshakes.seal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.V2Handshakes.Keys;
import dev.minitls.domain.handshake.V2Handshakes.Wire;
import dev.minitls.testing.FakeTransport.Fault;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protocol v2 handshake messages out of order, each in an authentic record with the right sequence number, so that
 * only the state machine can refuse them: a message skipped, repeated, sent early or late, a second hello,
 * application data before the Finished. The side that sees it fails with UNEXPECTED_MESSAGE (or BAD_RECORD_MAC when
 * the record is under a key it does not read with yet), and the other side is told the alert. And a record after
 * close_notify is never read.
 */
class V2OrderTest {

    /** The handshake lines of a good run; the pinned randomness makes every run's the same. */
    private static final List<byte[]> LINES = goodRunLines();
    private static final int CERTIFICATE_LINE = 2;
    private static final int CERTIFICATE_VERIFY_LINE = 3;
    private static final int SERVER_FINISHED_LINE = 4;

    private final Wire wire = new Wire();

    private static List<byte[]> goodRunLines() {
        Wire good = new Wire();
        good.run(Fault.NONE, Fault.NONE).clientConnected();
        return good.transcriptLines();
    }

    /** Frames from the server changed by a fault, the client's failure and its message. */
    record ToClient(String name, Function<Wire, Fault> fault, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Server record {@code n} holding the handshake line {@code line} of a good run. */
    private static Function<Wire, Fault> holding(int n, int line) {
        return w -> w.reseal(n, Keys.SERVER_HANDSHAKE, inner -> inner(LINES.get(line), HANDSHAKE));
    }

    /** Server records {@code n} and {@code n + 1} holding each other's line. */
    private static Function<Wire, Fault> swapped(int n, int line) {
        return w -> {
            Fault first = holding(n, line + 1).apply(w);
            Fault second = holding(n + 1, line).apply(w);
            return (index, frame) -> index == n ? first.apply(index, frame) : second.apply(index, frame);
        };
    }

    static Stream<ToClient> serverMessagesOutOfOrder() {
        return Stream.of(
                new ToClient("CertificateVerify skipped", holding(CERTIFICATE_VERIFY, SERVER_FINISHED_LINE),
                        "unexpected message: expected CertificateVerify, got Finished"),
                new ToClient("Certificate twice", holding(CERTIFICATE_VERIFY, CERTIFICATE_LINE),
                        "unexpected message: expected CertificateVerify, got Certificate"),
                new ToClient("CertificateVerify twice", holding(SERVER_FINISHED, CERTIFICATE_VERIFY_LINE),
                        "unexpected message: expected Finished, got CertificateVerify"),
                new ToClient("server Finished first", holding(CERTIFICATE, SERVER_FINISHED_LINE),
                        "unexpected message: expected Certificate, got Finished"),
                new ToClient("Certificate after CertificateVerify", swapped(CERTIFICATE, CERTIFICATE_LINE),
                        "unexpected message: expected Certificate, got CertificateVerify"),
                new ToClient("CertificateVerify after the server Finished",
                        swapped(CERTIFICATE_VERIFY, CERTIFICATE_VERIFY_LINE),
                        "unexpected message: expected CertificateVerify, got Finished"),
                new ToClient("ServerHello twice", w -> Fault.duplicate(SERVER_HELLO),
                        "unexpected message: expected an encrypted record, got ServerHello"),
                new ToClient("application data instead of the server Finished", w -> w.reseal(SERVER_FINISHED,
                        Keys.SERVER_HANDSHAKE, inner -> inner(bytes("early"), APPLICATION_DATA)),
                        "unexpected message: expected Finished, got application data"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverMessagesOutOfOrder")
    void clientRefusesTheServersMessagesOutOfOrder(ToClient c) {
        Handshakes.Run run = wire.run(Fault.NONE, c.fault().apply(wire));

        assertThat(run.clientFailed(Failure.UNEXPECTED_MESSAGE)).hasMessage(c.message());
        wire.assertClientSentOnly(Alert.UNEXPECTED_MESSAGE);
        assertToldOf(run.serverFailed(Failure.ALERT_RECEIVED), Alert.UNEXPECTED_MESSAGE);
    }

    /** Frames from the client changed by a fault, the server's failure, its message and the alert. */
    record ToServer(String name, Function<Wire, Fault> fault, Failure failure, String message, Alert alert) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ToServer> clientMessagesOutOfOrder() {
        return Stream.of(
                new ToServer("a second ClientHello instead of the Finished",
                        w -> (index, frame) -> List.of(index == CLIENT_FINISHED ? w.fromClient().get(CLIENT_HELLO)
                                : frame), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected an encrypted record, got ClientHello", Alert.UNEXPECTED_MESSAGE),
                new ToServer("a second ClientHello inside the Finished record", w -> w.reseal(CLIENT_FINISHED,
                        Keys.CLIENT_HANDSHAKE, inner -> inner(LINES.get(0), HANDSHAKE)), Failure.UNEXPECTED_MESSAGE,
                        "unexpected message: expected Finished, got ClientHello", Alert.UNEXPECTED_MESSAGE),
                new ToServer("the server's own Finished sent back", w -> w.reseal(CLIENT_FINISHED,
                        Keys.CLIENT_HANDSHAKE, inner -> inner(LINES.get(SERVER_FINISHED_LINE), HANDSHAKE)),
                        Failure.BAD_FINISHED,
                        "Finished rejected: the client's Finished MAC does not match the transcript",
                        Alert.DECRYPT_ERROR),
                new ToServer("application data under the application key instead of the Finished",
                        w -> w.rewrite(CLIENT_FINISHED, Keys.CLIENT_HANDSHAKE, (keys, seq, inner) ->
                                seal(w.keys(Keys.CLIENT_APPLICATION), 0, inner(bytes("early"), APPLICATION_DATA))),
                        Failure.BAD_RECORD_MAC, "record rejected: record 0 failed authentication",
                        Alert.BAD_RECORD_MAC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientMessagesOutOfOrder")
    void serverRefusesTheClientsMessagesOutOfOrder(ToServer c) {
        Handshakes.Run run = wire.run(c.fault().apply(wire), Fault.NONE);

        assertThat(run.serverFailed(c.failure())).hasMessage(c.message());
        assertToldOf(receiveFails(run.clientConnected()), c.alert());
    }

    /** A repeated Finished is read after the handshake, under the application key: it is refused as a record. */
    record Repeated(String name, boolean fromServer, Failure failure, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Repeated> finishedTwice() {
        return Stream.of(
                new Repeated("server Finished twice", true, Failure.UNEXPECTED_SEQUENCE,
                        "record rejected: sequence number 2 where 0 was expected"),
                new Repeated("client Finished twice", false, Failure.BAD_RECORD_MAC,
                        "record rejected: record 0 failed authentication"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finishedTwice")
    void aFinishedSentTwiceFailsTheReceiversFirstRead(Repeated c) {
        Handshakes.Run run = c.fromServer()
                ? wire.run(Fault.NONE, Fault.duplicate(SERVER_FINISHED))
                : wire.run(Fault.duplicate(CLIENT_FINISHED), Fault.NONE);
        SecureChannel receiver = c.fromServer() ? run.clientConnected() : run.serverConnected();
        SecureChannel sender = c.fromServer() ? run.serverConnected() : run.clientConnected();

        assertThat(receiveFails(receiver)).hasMessage(c.message())
                .satisfies(e -> assertThat(e.failure()).isEqualTo(c.failure()));
        assertToldOf(receiveFails(sender), Alert.BAD_RECORD_MAC);
    }

    /** Once a side has its peer's close_notify it reads nothing more: a record sent after it is never delivered. */
    @Test
    void nothingAfterCloseNotifyIsRead() {
        Handshakes.Run run = wire.run(Fault.NONE, Fault.NONE);
        SecureChannel client = run.clientConnected();
        SecureChannel server = run.serverConnected();
        client.send(bytes("before close"));
        client.closeOutbound();
        run.transport().server().deliver(seal(wire.keys(Keys.CLIENT_APPLICATION), 2,
                inner(bytes("after close"), APPLICATION_DATA)));

        assertThat(server.receive()).hasValue(bytes("before close"));
        assertThat(server.receive()).as("close_notify").isEmpty();
        assertThat(run.transport().server().isClosed()).isTrue();
        assertThat(receiveFails(server).failure()).as("the connection is closed, the late record unread")
                .isEqualTo(Failure.IO_ERROR);
        assertThat(client.receive()).as("the server's own close_notify").isEmpty();
    }
}
