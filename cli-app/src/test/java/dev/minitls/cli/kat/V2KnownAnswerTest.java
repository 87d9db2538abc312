package dev.minitls.cli.kat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.support.Providers;
import dev.minitls.cli.support.TraceRecorder;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.Side;
import dev.minitls.testing.FakeTransport;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replays the v2 known answers ({@link V2KnownAnswer}) with each crypto provider: the whole session with the
 * file's pinned inputs, then each side alone against the other side's recorded frames, as the known-answer test of
 * a protocol implementation does. Frames are compared byte for byte; so is every value either side traces.
 */
class V2KnownAnswerTest {

    private V2KnownAnswer file;

    @BeforeEach
    void loadTheFile() throws IOException {
        file = V2KnownAnswer.load();
    }

    @Test
    void theFileHoldsTheInputsPinnedInTheGenerator() {
        assertThat(file.member("inputs")).isEqualTo(KatInputs.PINNED.toJson());
    }

    @Test
    void theCertificateAuthorityIssuesTheRecordedCertificatesFromThePinnedRandomness() {
        assertThat(file.inputs().issue()).isEqualTo(file.pki());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CryptoChoice.class)
    void theSessionWithThePinnedInputsReproducesEveryAnswer(CryptoChoice choice) {
        V2KnownAnswer replayed = V2KnownAnswer.generate(file.inputs(), Providers.of(choice));

        List<WireFrame> recorded = file.wire();
        List<WireFrame> wire = replayed.wire();
        for (int i = 0; i < Math.min(wire.size(), recorded.size()); i++) {
            assertThat(describe(wire.get(i))).as("frame %d", i).isEqualTo(describe(recorded.get(i)));
        }
        assertThat(wire).as("frames on the wire").hasSameSizeAs(recorded);
        assertThat(replayed.transcriptHashes()).containsExactlyElementsOf(file.transcriptHashes());
        assertThat(replayed.secrets()).containsExactlyEntriesOf(file.secrets());
        assertThat(replayed.memberNames()).containsExactlyElementsOf(file.memberNames());
        for (String name : file.memberNames()) {
            assertThat(replayed.member(name)).as(name).isEqualTo(file.member(name));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CryptoChoice.class)
    void theServerAnswersTheRecordedClientByteForByte(CryptoChoice choice) throws Exception {
        CryptoProvider crypto = Providers.of(choice);
        FakeTransport transport = FakeTransport.pair();
        TraceRecorder trace = new TraceRecorder();
        ServerConfig config = V2Session.serverConfig(file.inputs(), file.pki(), crypto, trace);
        RecordedPeer client = new RecordedPeer(file.wire(), Side.CLIENT, transport.client(),
                CompletableFuture.supplyAsync(() -> V2Session.server(transport.server(), config)));

        client.playAll();

        assertThat(client.liveResult()).as("what the server received").isEqualTo(file.inputs().applicationData());
        assertThat(file.disagreements(trace)).as("values the server traced that differ from the file").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CryptoChoice.class)
    void theClientSpeaksLikeTheRecordedClientByteForByte(CryptoChoice choice) throws Exception {
        CryptoProvider crypto = Providers.of(choice);
        FakeTransport transport = FakeTransport.pair();
        TraceRecorder trace = new TraceRecorder();
        ClientConfig config = V2Session.clientConfig(file.inputs(), file.pki(), crypto, trace);
        RecordedPeer server = new RecordedPeer(file.wire(), Side.SERVER, transport.server(),
                CompletableFuture.supplyAsync(() -> V2Session.client(transport.client(), config,
                        file.inputs().applicationData())));

        server.playAll();

        assertThat(server.liveResult()).as("the echo the client received").isEqualTo(file.inputs().applicationData());
        assertThat(file.disagreements(trace)).as("values the client traced that differ from the file").isEmpty();
    }

    private static String describe(WireFrame frame) {
        return frame.from().label() + ": " + frame.text();
    }
}
