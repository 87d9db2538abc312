package dev.minitls.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.support.Golden;
import dev.minitls.cli.support.Providers;
import dev.minitls.cli.support.TraceRecorder;
import dev.minitls.cli.trace.TraceValue;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.ServerHandshake;
import dev.minitls.domain.handshake.Transcript;
import dev.minitls.domain.keys.V1KeySchedule;
import dev.minitls.domain.keys.V1Keys;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.FakeTransport.Endpoint;
import dev.minitls.testing.FixedRandom;
import dev.minitls.transport.json.JsonLinesV1Codec;
import dev.minitls.transport.json.JsonLinesV2Codec;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decisive compatibility test: minitls, with either crypto provider and the real v1 codec, against the
 * handshake recorded from the original Python program ({@code seed-v1-golden.json}), with the recording's randoms,
 * ephemeral keys, certificates and server key. The Java server answers the recorded client, and the Java client
 * speaks like the recorded one, byte for byte; every transcript hash and derived value equals the recorded one.
 */
class GoldenReplayTest {

    private static final WireFormats FORMATS = new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec());
    private static final List<String> SERVER_FLIGHT =
            List.of("ServerHello", "Certificate", "CertificateVerify", "ServerFinished");
    private static final String SERVER_NAME = "example-server";
    /** Inside the recorded certificates' validity, 1970-01-01 to 2030-12-31. */
    private static final Clock INSIDE_VALIDITY = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final long PATIENCE_SECONDS = 2 * FakeTransport.PATIENCE_SECONDS;
    private static final HexFormat HEX = HexFormat.of();

    private Golden golden;

    @BeforeEach
    void loadGolden() throws IOException {
        golden = Golden.load();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CryptoChoice.class)
    void javaServerAnswersTheRecordedClientByteForByte(CryptoChoice choice) throws Exception {
        ServerRun run = replayRecordedClient(Providers.of(choice), new TraceRecorder());

        assertThat(run.channel().receive()).map(message -> new String(message, UTF_8)).hasValue(golden.plaintext());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CryptoChoice.class)
    void javaClientSpeaksLikeTheRecordedClientByteForByte(CryptoChoice choice) throws Exception {
        ClientRun run = replayRecordedServer(Providers.of(choice), new TraceRecorder());

        run.channel().send(golden.plaintext().getBytes(UTF_8));

        assertWire("ApplicationData", next(run.recordedServer(), run.channelFuture()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CryptoChoice.class)
    void javaServerComputesTheRecordedTranscriptAndSecrets(CryptoChoice choice) throws Exception {
        CryptoProvider crypto = Providers.of(choice);
        TraceRecorder trace = new TraceRecorder();

        ServerRun run = replayRecordedClient(crypto, trace);

        assertTracedValuesAreRecorded(trace);
        assertTranscriptOver(crypto, run.handshakeFrames());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CryptoChoice.class)
    void javaClientComputesTheRecordedTranscriptAndSecrets(CryptoChoice choice) throws Exception {
        CryptoProvider crypto = Providers.of(choice);
        TraceRecorder trace = new TraceRecorder();

        ClientRun run = replayRecordedServer(crypto, trace);

        assertTracedValuesAreRecorded(trace);
        assertTranscriptOver(crypto, run.handshakeFrames());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CryptoChoice.class)
    void keyScheduleDerivesEveryRecordedValue(CryptoChoice choice) {
        CryptoProvider crypto = Providers.of(choice);
        byte[] clientKey = golden.hex("client_ephemeral_private_key");
        byte[] serverKey = golden.hex("server_ephemeral_private_key");

        byte[] clientShared = crypto.x25519(clientKey, crypto.x25519PublicKey(serverKey));
        byte[] serverShared = crypto.x25519(serverKey, crypto.x25519PublicKey(clientKey));
        V1Keys keys = V1KeySchedule.derive(crypto, clientShared);

        assertThat(HEX.formatHex(serverShared)).isEqualTo(HEX.formatHex(clientShared));
        Map<String, String> computed = new LinkedHashMap<>();
        computed.put("shared_secret", HEX.formatHex(clientShared));
        computed.put("derived_key", HEX.formatHex(keys.derivedKey().bytes()));
        computed.put("finished_key_server", HEX.formatHex(keys.serverFinishedKey().bytes()));
        computed.put("finished_key_client", HEX.formatHex(keys.clientFinishedKey().bytes()));
        computed.put("client_app_key", HEX.formatHex(keys.clientToServer().key().bytes()));
        computed.put("client_app_iv", HEX.formatHex(keys.clientToServer().iv().bytes()));
        computed.put("server_app_key", HEX.formatHex(keys.serverToClient().key().bytes()));
        computed.put("server_app_iv", HEX.formatHex(keys.serverToClient().iv().bytes()));
        assertThat(computed).isEqualTo(golden.derived());
    }

    /** The Java server, on another thread, against the recorded client lines, which the test delivers in order. */
    private ServerRun replayRecordedClient(CryptoProvider crypto, TraceRecorder trace) throws Exception {
        FakeTransport transport = FakeTransport.pair();
        ServerConfig config = new ServerConfig(crypto,
                new FixedRandom(golden.hex("server_random"), golden.hex("server_ephemeral_private_key")),
                golden.text("server_certificate_pem").getBytes(US_ASCII),
                crypto.signingKey(
                        Pem.decode("PRIVATE KEY", golden.text("server_private_key_pem").getBytes(US_ASCII))),
                trace);
        CompletableFuture<SecureChannel> server =
                CompletableFuture.supplyAsync(() -> ServerHandshake.accept(transport.server(), FORMATS, config));
        Endpoint recordedClient = transport.client();

        recordedClient.send(golden.line("ClientHello"));
        for (String name : SERVER_FLIGHT) {
            assertWire(name, next(recordedClient, server));
        }
        recordedClient.send(golden.line("ClientFinished"));
        recordedClient.send(golden.line("ApplicationData"));
        SecureChannel channel = server.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        List<byte[]> frames = new ArrayList<>();
        frames.add(golden.line("ClientHello"));
        frames.addAll(transport.server().sentFrames());
        frames.add(golden.line("ClientFinished"));
        return new ServerRun(channel, frames);
    }

    /** The Java client, on another thread, against the recorded server lines, which the test delivers in order. */
    private ClientRun replayRecordedServer(CryptoProvider crypto, TraceRecorder trace) throws Exception {
        FakeTransport transport = FakeTransport.pair();
        ClientConfig config = new ClientConfig(crypto,
                new FixedRandom(golden.hex("client_random"), golden.hex("client_ephemeral_private_key")),
                INSIDE_VALIDITY, crypto.parseCertificate(
                        Pem.decode(Pem.CERTIFICATE, golden.text("root_ca_certificate_pem").getBytes(US_ASCII))),
                SERVER_NAME, ProtocolVersion.V1, trace);
        CompletableFuture<SecureChannel> client =
                CompletableFuture.supplyAsync(() -> ClientHandshake.connect(transport.client(), FORMATS, config));
        Endpoint recordedServer = transport.server();

        assertWire("ClientHello", next(recordedServer, client));
        for (String name : SERVER_FLIGHT) {
            recordedServer.send(golden.line(name));
        }
        assertWire("ClientFinished", next(recordedServer, client));
        SecureChannel channel = client.get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        List<byte[]> frames = new ArrayList<>();
        frames.add(transport.client().sentFrames().get(0));
        SERVER_FLIGHT.forEach(name -> frames.add(golden.line(name)));
        frames.add(transport.client().sentFrames().get(1));
        return new ClientRun(channel, client, recordedServer, frames);
    }

    /**
     * Every transcript hash and every secret the handshake traced is the recorded one; the shared secret and
     * derived_key must be among them.
     */
    private void assertTracedValuesAreRecorded(TraceRecorder trace) {
        List<String> transcripts = hex(trace.values("transcript"));
        assertThat(transcripts).isNotEmpty();
        assertThat(golden.transcriptHashes()).containsSubsequence(transcripts);
        Map<String, String> recorded = golden.derived();
        List<String> compared = new ArrayList<>();
        for (TraceValue value : trace.values()) {
            String name = value.name().equals("shared secret") ? "shared_secret" : value.name();
            if (recorded.containsKey(name)) {
                assertThat(HEX.formatHex(value.value())).as("traced " + name).isEqualTo(recorded.get(name));
                compared.add(name);
            }
        }
        assertThat(compared).contains("shared_secret", "derived_key");
    }

    /** The implementation's transcript over the frames one side exchanged gives every recorded hash, in order. */
    private void assertTranscriptOver(CryptoProvider crypto, List<byte[]> handshakeFrames) {
        Transcript transcript = new Transcript(crypto);
        List<String> hashes = new ArrayList<>();
        for (byte[] frame : handshakeFrames) {
            transcript.add(frame);
            hashes.add(HEX.formatHex(transcript.hash()));
        }
        assertThat(hashes).containsExactlyElementsOf(golden.transcriptHashes());
    }

    private void assertWire(String name, byte[] frame) {
        // ISO-8859-1 maps every byte to one character: the comparison is byte for byte, the diff readable.
        assertThat(new String(frame, ISO_8859_1)).as(name + " on the wire")
                .isEqualTo(new String(golden.line(name), ISO_8859_1));
    }

    /** The next frame the Java side sent; when there is none, the failure says how the Java side ended. */
    private static byte[] next(Endpoint endpoint, CompletableFuture<SecureChannel> javaSide) throws Exception {
        try {
            return endpoint.receive();
        } catch (ProtocolException e) {
            Throwable outcome = javaSide.handle((channel, failure) -> failure instanceof CompletionException
                    ? failure.getCause() : failure).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("the Java side sent no further frame (" + e.getMessage() + "); its handshake "
                    + (outcome == null ? "succeeded" : "failed: " + outcome), outcome);
        }
    }

    private static List<String> hex(List<byte[]> values) {
        return values.stream().map(HEX::formatHex).toList();
    }

    private record ServerRun(SecureChannel channel, List<byte[]> handshakeFrames) {
    }

    private record ClientRun(SecureChannel channel, CompletableFuture<SecureChannel> channelFuture,
            Endpoint recordedServer, List<byte[]> handshakeFrames) {
    }
}
