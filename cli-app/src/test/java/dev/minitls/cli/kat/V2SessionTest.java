package dev.minitls.cli.kat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.record.RecordFormat;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trace.Side;
import dev.minitls.testing.FakeTransport;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each side of {@link V2Session} refuses a peer that departs from the session after the handshake: the recorded
 * peer plays the record up to a point, then sends a record of its own, sealed with the file's keys.
 */
class V2SessionTest {

    private final CryptoProvider crypto = new BcCryptoProvider();
    private V2KnownAnswer file;

    @BeforeEach
    void loadTheFile() throws IOException {
        file = V2KnownAnswer.load();
    }

    /**
     * @param live the side the implementation plays
     * @param recordedFrames how many frames of the record are played first
     * @param keys the keys the departing record is sealed with
     * @param sequence its sequence number
     * @param contentOf the recorded frame whose inner plaintext it carries
     * @param failure what the live side fails with
     */
    @ParameterizedTest(name = "{6}")
    @MethodSource("departures")
    void aSideRefusesAPeerThatDepartsFromTheSession(Side live, int recordedFrames, String keys, int sequence,
            int contentOf, String failure, String description) throws Exception {
        FakeTransport transport = FakeTransport.pair();
        CompletableFuture<String> liveSide = live == Side.CLIENT
                ? CompletableFuture.supplyAsync(() -> V2Session.client(transport.client(),
                        V2Session.clientConfig(file.inputs(), file.pki(), crypto, event -> { }),
                        file.inputs().applicationData()))
                : CompletableFuture.supplyAsync(() -> V2Session.server(transport.server(),
                        V2Session.serverConfig(file.inputs(), file.pki(), crypto, event -> { })));
        Side recorded = live == Side.CLIENT ? Side.SERVER : Side.CLIENT;
        RecordedPeer peer = new RecordedPeer(file.wire(), recorded,
                recorded == Side.CLIENT ? transport.client() : transport.server(), liveSide);

        peer.playUntil(recordedFrames);
        peer.send(sealed(keys, sequence, file.innerPlaintext(contentOf)));

        assertThat(peer.liveFailure()).isInstanceOf(IllegalStateException.class).hasMessage(failure);
    }

    static Stream<Arguments> departures() {
        // The record: 0 ClientHello, 1 ServerHello, 2-4 server handshake records, 5 client Finished,
        // 6 client data, 7 server echo, 8 client close_notify, 9 server close_notify.
        return Stream.of(
                arguments(Side.CLIENT, 7, "server_application", 0, 9, "the server closed instead of echoing",
                        "the server answers the data with close_notify"),
                arguments(Side.CLIENT, 9, "server_application", 1, 7,
                        "the server sent more data instead of its close_notify",
                        "the server answers close_notify with data"),
                arguments(Side.SERVER, 6, "client_application", 0, 8,
                        "the client closed without sending anything", "the client closes without sending data"),
                arguments(Side.SERVER, 8, "client_application", 1, 6,
                        "the client sent more data instead of its close_notify",
                        "the client sends data where its close_notify belongs"));
    }

    /** The frame of the {@code sequence}-th record {@code keys} seal, holding {@code inner}. */
    private byte[] sealed(String keys, int sequence, byte[] inner) {
        RecordSealer sealer = new RecordSealer(crypto, file.trafficKeys(keys), RecordFormat.V2);
        for (int skipped = 0; skipped < sequence; skipped++) {
            sealer.seal(inner);
        }
        return V2Session.FORMATS.v2().encode(sealer.seal(inner));
    }
}
