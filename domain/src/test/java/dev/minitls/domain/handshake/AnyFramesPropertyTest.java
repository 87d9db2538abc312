package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.FORMATS;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.CertificateMessage;
import dev.minitls.domain.message.CertificateVerify;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.Finished;
import dev.minitls.domain.message.Message;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever frames arrive, a handshake ends with a {@link ProtocolException} naming a protocol failure (or, in
 * principle, success): never another exception, never a wait for more. The frames mix hellos that pass the checks,
 * the real certificate, messages of either protocol with fields of any value and length, lines that are no message
 * and bytes that are no line; the stream ends after them. The seed is fixed so that every build runs the same
 * tries; the generators aim at the edges themselves (right and wrong lengths, version 1, suite X25519), so jqwik's
 * own edge cases, which would outnumber the tries, are left out.
 */
class AnyFramesPropertyTest {

    /** Failures that would mean the state machine, not the peer, went wrong. */
    private static final List<Failure> NOT_THE_PEERS_FAULT =
            List.of(Failure.TIMEOUT, Failure.IO_ERROR, Failure.INTERNAL_ERROR);

    @Property(tries = 300, seed = "20261125", edgeCases = EdgeCasesMode.NONE)
    void aServerEndsWithAProtocolFailureWhateverItReceives(@ForAll("framesForServer") List<byte[]> frames) {
        FakeTransport transport = FakeTransport.pair();
        frames.forEach(transport.server()::deliver);
        transport.client().close();

        Throwable thrown = catchThrowable(() -> ServerHandshake.accept(transport.server(), FORMATS,
                Handshakes.serverConfig()));

        assertEndedWithAProtocolFailure(thrown, transport.server());
    }

    @Property(tries = 300, seed = "20261125", edgeCases = EdgeCasesMode.NONE)
    void aClientEndsWithAProtocolFailureWhateverItReceives(@ForAll("framesForClient") List<byte[]> frames) {
        FakeTransport transport = FakeTransport.pair();
        frames.forEach(transport.client()::deliver);
        transport.server().close();

        Throwable thrown = catchThrowable(() -> ClientHandshake.connect(transport.client(), FORMATS,
                Handshakes.clientConfig()));

        assertEndedWithAProtocolFailure(thrown, transport.client());
    }

    private static void assertEndedWithAProtocolFailure(Throwable thrown, FakeTransport.Endpoint endpoint) {
        if (thrown == null) {
            return;
        }
        assertThat(thrown).isInstanceOf(ProtocolException.class);
        assertThat(((ProtocolException) thrown).failure()).isNotIn(NOT_THE_PEERS_FAULT);
        assertThat(endpoint.isClosed()).isTrue();
    }

    @Provide
    Arbitrary<List<byte[]>> framesForServer() {
        return framesAfter(List.of(frame(new ClientHello(new byte[32], 1,
                CRYPTO.x25519PublicKey(TestCertificates.filled(0x77)), "X25519", TestCertificates.SERVER_NAME))));
    }

    @Provide
    Arbitrary<List<byte[]>> framesForClient() {
        return framesAfter(List.of(
                frame(new ServerHello(new byte[32], 1, CRYPTO.x25519PublicKey(TestCertificates.filled(0x78)),
                        "X25519")),
                frame(new CertificateMessage(PKI.serverPem()))));
    }

    /** Some of the frames that pass the first checks, then any frames. */
    private static Arbitrary<List<byte[]>> framesAfter(List<byte[]> plausibleStart) {
        Arbitrary<Integer> plausible = Arbitraries.integers().between(0, plausibleStart.size());
        return Combinators.combine(plausible, anyFrame().list().ofMaxSize(6))
                .as((n, rest) -> {
                    List<byte[]> frames = new ArrayList<>(plausibleStart.subList(0, n));
                    frames.addAll(rest);
                    return frames;
                });
    }

    private static Arbitrary<byte[]> anyFrame() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, v1Message().map(TestCodec.V1::encode)),
                Tuple.of(1, Arbitraries.oneOf(v1Message(), alert()).map(TestCodec.V2::encode)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)
                        .map(s -> (s + "\n").getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, bytes(40)));
    }

    private static Arbitrary<Message> v1Message() {
        Arbitrary<Integer> version = Arbitraries.oneOf(Arbitraries.just(1), Arbitraries.integers());
        Arbitrary<String> suite = Arbitraries.oneOf(Arbitraries.just("X25519"), Arbitraries.strings().ofMaxLength(8));
        return Arbitraries.oneOf(
                Combinators.combine(bytes(32), version, bytes(32), suite, Arbitraries.strings().ofMaxLength(20))
                        .as(ClientHello::new),
                Combinators.combine(bytes(32), version, bytes(32), suite).as(ServerHello::new),
                Arbitraries.oneOf(Arbitraries.just(PKI.serverPem()), bytes(64)).map(CertificateMessage::new),
                bytes(64).map(CertificateVerify::new),
                bytes(32).map(Finished::new),
                Combinators.combine(Arbitraries.longs(), bytes(48)).as(ApplicationRecord::new));
    }

    private static Arbitrary<Message> alert() {
        return Arbitraries.of(Alert.class).map(AlertMessage::new);
    }

    /** Mostly {@code typical} bytes, sometimes fewer or more. */
    private static Arbitrary<byte[]> bytes(int typical) {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(typical),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(typical + 8));
    }
}
