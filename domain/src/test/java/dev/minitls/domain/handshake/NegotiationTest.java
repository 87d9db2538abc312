package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_PRIVATE_KEY;
import static dev.minitls.domain.handshake.Handshakes.SERVER_RANDOM;
import static dev.minitls.domain.handshake.Handshakes.clientConfig;
import static dev.minitls.domain.handshake.Handshakes.rewriteClientHello;
import static dev.minitls.domain.handshake.Handshakes.rewriteServerHello;
import static dev.minitls.domain.handshake.Handshakes.run;
import static dev.minitls.domain.handshake.Handshakes.serverConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hellos with another version or suite, randoms or key shares of the wrong length, and a low-order key share, seen
 * by the server (in the ClientHello) and by the client (in the ServerHello). The side that sees it sends nothing
 * afterwards.
 */
class NegotiationTest {

    /** The fields both hellos have. */
    record Fields(byte[] random, int version, byte[] keyShare, String suite) {

        Fields version(int v) {
            return new Fields(random, v, keyShare, suite);
        }

        Fields suite(String s) {
            return new Fields(random, version, keyShare, s);
        }

        Fields random(int length) {
            return new Fields(new byte[length], version, keyShare, suite);
        }

        Fields keyShare(byte[] k) {
            return new Fields(random, version, k, suite);
        }
    }

    /** One change to a hello and the failure it must cause, with its whole message. */
    record Case(String name, UnaryOperator<Fields> change, Failure failure, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Changes that are refused when the hello is checked, before the receiver has sent anything in answer. */
    static Stream<Case> refusedOnSight() {
        return Stream.of(
                new Case("version 0", f -> f.version(0), Failure.UNSUPPORTED_VERSION,
                        "unsupported protocol version: peer speaks version 0, expected 1"),
                new Case("version 2", f -> f.version(2), Failure.UNSUPPORTED_VERSION,
                        "unsupported protocol version: peer speaks version 2, expected 1"),
                new Case("version -1", f -> f.version(-1), Failure.UNSUPPORTED_VERSION,
                        "unsupported protocol version: peer speaks version -1, expected 1"),
                new Case("suite P-256", f -> f.suite("P-256"), Failure.UNSUPPORTED_SUITE,
                        "unsupported suite: peer offers suite \"P-256\", expected \"X25519\""),
                new Case("suite in lower case", f -> f.suite("x25519"), Failure.UNSUPPORTED_SUITE,
                        "unsupported suite: peer offers suite \"x25519\", expected \"X25519\""),
                new Case("empty suite", f -> f.suite(""), Failure.UNSUPPORTED_SUITE,
                        "unsupported suite: peer offers suite \"\", expected \"X25519\""),
                new Case("version and suite both wrong: the version is reported", f -> f.version(2).suite("P-256"),
                        Failure.UNSUPPORTED_VERSION,
                        "unsupported protocol version: peer speaks version 2, expected 1"),
                new Case("random of 31 bytes", f -> f.random(31), Failure.MALFORMED_MESSAGE,
                        "malformed message: random of 31 bytes, expected 32"),
                new Case("random of 33 bytes", f -> f.random(33), Failure.MALFORMED_MESSAGE,
                        "malformed message: random of 33 bytes, expected 32"),
                new Case("empty random", f -> f.random(0), Failure.MALFORMED_MESSAGE,
                        "malformed message: random of 0 bytes, expected 32"),
                new Case("key share of 31 bytes", f -> f.keyShare(new byte[31]), Failure.BAD_KEY_SHARE,
                        "bad key share: X25519 key of 31 bytes, expected 32"),
                new Case("key share of 33 bytes", f -> f.keyShare(new byte[33]), Failure.BAD_KEY_SHARE,
                        "bad key share: X25519 key of 33 bytes, expected 32"),
                new Case("empty key share", f -> f.keyShare(new byte[0]), Failure.BAD_KEY_SHARE,
                        "bad key share: X25519 key of 0 bytes, expected 32"));
    }

    static ClientHello change(ClientHello hello, UnaryOperator<Fields> change) {
        Fields f = change.apply(new Fields(hello.random(), hello.version(), hello.ephemeralPublicKey(),
                hello.suite()));
        return new ClientHello(f.random(), f.version(), f.keyShare(), f.suite(), hello.serverName());
    }

    static ServerHello change(ServerHello hello, UnaryOperator<Fields> change) {
        Fields f = change.apply(new Fields(hello.random(), hello.version(), hello.ephemeralPublicKey(),
                hello.suite()));
        return new ServerHello(f.random(), f.version(), f.keyShare(), f.suite());
    }

    @ParameterizedTest(name = "ClientHello with {0}")
    @MethodSource("refusedOnSight")
    void serverRefusesClientHello(Case c) {
        Handshakes.Run run = run(rewriteClientHello(hello -> change(hello, c.change())), Fault.NONE);

        assertThat(run.serverFailed(c.failure())).hasMessage(c.message());
        assertThat(run.sentByServer()).isEmpty();
        run.clientFailed(Failure.PEER_CLOSED);
    }

    @ParameterizedTest(name = "ServerHello with {0}")
    @MethodSource("refusedOnSight")
    void clientRefusesServerHello(Case c) {
        Handshakes.Run run = run(Fault.NONE, rewriteServerHello(hello -> change(hello, c.change())));

        assertThat(run.clientFailed(c.failure())).hasMessage(c.message());
        assertThat(run.sentByClient()).as("only the ClientHello").hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    /** In the test double, as in X25519, a key share of 0 gives an all-zero secret; the provider refuses it. */
    private static final byte[] LOW_ORDER_KEY = new byte[32];

    @Test
    void serverRefusesLowOrderKeyShareBeforeItAnswers() {
        Handshakes.Run run = run(rewriteClientHello(hello -> change(hello, f -> f.keyShare(LOW_ORDER_KEY))),
                Fault.NONE);

        assertThat(run.serverFailed(Failure.BAD_KEY_SHARE))
                .hasMessageStartingWith("bad key share: X25519 refused the peer's key: ");
        assertThat(run.sentByServer()).isEmpty();
        run.clientFailed(Failure.PEER_CLOSED);
    }

    @Test
    void clientRefusesLowOrderKeyShare() {
        Handshakes.Run run = run(Fault.NONE,
                rewriteServerHello(hello -> change(hello, f -> f.keyShare(LOW_ORDER_KEY))));

        assertThat(run.clientFailed(Failure.BAD_KEY_SHARE))
                .hasMessageStartingWith("bad key share: X25519 refused the peer's key: ");
        assertThat(run.sentByClient()).hasSize(1);
        run.serverFailed(Failure.PEER_CLOSED);
    }

    /** A provider that breaks the port's contract and returns an all-zero secret instead of refusing it. */
    private static final InsecureTestCrypto ALL_ZERO_AGREEMENT = new InsecureTestCrypto() {
        @Override
        public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
            return new byte[32];
        }
    };

    @Test
    void clientRefusesAnAllZeroSecretEvenWhenTheProviderReturnsOne() {
        Handshakes.Run run = run(
                clientConfig(ALL_ZERO_AGREEMENT, PKI.root(), TestCertificates.SERVER_NAME, HandshakeObserver.NONE),
                serverConfig());

        assertThat(run.clientFailed(Failure.BAD_KEY_SHARE))
                .hasMessage("bad key share: the peer's X25519 key gives an all-zero secret");
        assertThat(run.sentByClient()).hasSize(1);
    }

    @Test
    void serverRefusesAnAllZeroSecretEvenWhenTheProviderReturnsOne() {
        ServerConfig server = new ServerConfig(ALL_ZERO_AGREEMENT, new FixedRandom(SERVER_RANDOM, SERVER_PRIVATE_KEY),
                PKI.serverPem(), CRYPTO.ed25519SigningKey(PKI.serverKey()), HandshakeObserver.NONE);
        Handshakes.Run run = run(clientConfig(), server);

        assertThat(run.serverFailed(Failure.BAD_KEY_SHARE))
                .hasMessage("bad key share: the peer's X25519 key gives an all-zero secret");
        assertThat(run.sentByServer()).isEmpty();
    }
}
