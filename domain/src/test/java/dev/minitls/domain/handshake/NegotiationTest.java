package dev.minitls.domain.handshake;

import static dev.minitls.domain.handshake.Handshakes.CRYPTO;
import static dev.minitls.domain.handshake.Handshakes.PKI;
import static dev.minitls.domain.handshake.Handshakes.SERVER_PRIVATE_KEY;
import static dev.minitls.domain.handshake.Handshakes.SERVER_RANDOM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.FixedRandom;
import dev.minitls.testing.InsecureTestCrypto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hellos with another version or suite, randoms or key shares of the wrong length, and a low-order key share, seen
 * by the server (in the ClientHello) and by the client (in the ServerHello), in every protocol. The side that sees
 * it sends nothing afterwards but, where its protocol has alerts, the alert in clear (no keys exist yet), which the
 * other side reports.
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

    /**
     * One change to a hello and the failure it must cause: its whole message ({@code exact}) or how it starts, and
     * the alert it is reported with where the protocol has alerts.
     */
    record Case(String name, UnaryOperator<Fields> change, Failure failure, String message, boolean exact,
            Alert alert) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** In the test double, as in X25519, a key share of 0 gives an all-zero secret; the provider refuses it. */
    private static final byte[] LOW_ORDER_KEY = new byte[32];

    /** Changes that are refused when the hello is checked, before the receiver has sent anything in answer. */
    static Stream<Arguments> refusedOnSight() {
        return Stream.of(TestProtocol.values()).flatMap(p -> cases(p).stream().map(c -> Arguments.of(p, c)));
    }

    private static List<Case> cases(TestProtocol p) {
        List<Case> cases = new ArrayList<>();
        List<Integer> versions = new ArrayList<>(List.of(0, -1, p.number() + 1));
        if (p.number() - 1 > 0) {
            versions.add(p.number() - 1);
        }
        for (int v : versions) {
            cases.add(new Case("version " + v, f -> f.version(v), Failure.UNSUPPORTED_VERSION,
                    "unsupported protocol version: peer speaks version " + v + ", expected " + p.number(), true,
                    Alert.PROTOCOL_VERSION));
        }
        List<String> suites = new ArrayList<>(List.of("P-256", p.suite().toLowerCase(Locale.ROOT), ""));
        Stream.of(TestProtocol.values()).filter(other -> other != p).map(TestProtocol::suite).forEach(suites::add);
        for (String s : suites) {
            cases.add(new Case("suite \"" + s + "\"", f -> f.suite(s), Failure.UNSUPPORTED_SUITE,
                    "unsupported suite: peer offers suite \"" + s + "\", expected \"" + p.suite() + "\"", true,
                    Alert.HANDSHAKE_FAILURE));
        }
        // A suite that would clear a terminal and forge a log line is reported quoted and escaped, on one line (the
        // test codec's frames cannot hold a newline or a space; the JSON codecs' can: see the cli's LogInjectionTest).
        cases.add(new Case("a suite holding an escape sequence and a carriage return",
                f -> f.suite("X\u001b[2J\r[127.0.0.1:1]forged\u202e"), Failure.UNSUPPORTED_SUITE,
                "unsupported suite: peer offers suite \"X\\u001b[2J\\u000d[127.0.0.1:1]forged\\u202e\", expected \""
                        + p.suite() + "\"", true, Alert.HANDSHAKE_FAILURE));
        cases.add(new Case("version and suite both wrong: the version is reported",
                f -> f.version(p.number() + 1).suite("P-256"), Failure.UNSUPPORTED_VERSION,
                "unsupported protocol version: peer speaks version " + (p.number() + 1) + ", expected " + p.number(),
                true, Alert.PROTOCOL_VERSION));
        for (int length : new int[] {31, 33, 0}) {
            cases.add(new Case("random of " + length + " bytes", f -> f.random(length), Failure.MALFORMED_MESSAGE,
                    "malformed message: random of " + length + " bytes, expected 32", true, Alert.DECODE_ERROR));
            cases.add(new Case("key share of " + length + " bytes", f -> f.keyShare(new byte[length]),
                    Failure.BAD_KEY_SHARE, "bad key share: X25519 key of " + length + " bytes, expected 32", true,
                    Alert.ILLEGAL_PARAMETER));
        }
        cases.add(new Case("a low-order key share", f -> f.keyShare(LOW_ORDER_KEY), Failure.BAD_KEY_SHARE,
                "bad key share: X25519 refused the peer's key: ", false, Alert.ILLEGAL_PARAMETER));
        return cases;
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

    @ParameterizedTest(name = "{0}: ClientHello with {1}")
    @MethodSource("refusedOnSight")
    void serverRefusesClientHello(TestProtocol p, Case c) {
        Handshakes.Run run = p.run(p.rewriteClientHello(hello -> change(hello, c.change())), Fault.NONE);

        assertMessage(run.serverFailed(c.failure()), c);
        assertThat(run.sentByServer()).as("nothing but the refusal").containsExactlyElementsOf(p.refusal(c.alert()));
        p.assertPeerEnded(run::clientFailed, c.alert());
        assertThat(run.sentByClient()).as("the ClientHello only: no alert answers an alert").hasSize(1);
    }

    @ParameterizedTest(name = "{0}: ServerHello with {1}")
    @MethodSource("refusedOnSight")
    void clientRefusesServerHello(TestProtocol p, Case c) {
        Handshakes.Run run = p.run(Fault.NONE, p.rewriteServerHello(hello -> change(hello, c.change())));

        assertMessage(run.clientFailed(c.failure()), c);
        assertThat(run.sentByClient()).as("the ClientHello, then nothing but the refusal")
                .hasSize(1 + p.refusal(c.alert()).size())
                .endsWith(p.refusal(c.alert()).toArray(byte[][]::new));
        p.assertPeerEnded(run::serverFailed, c.alert());
    }

    /** A provider that breaks the port's contract and returns an all-zero secret instead of refusing it. */
    private static final InsecureTestCrypto ALL_ZERO_AGREEMENT = new InsecureTestCrypto() {
        @Override
        public byte[] x25519(byte[] privateKey, byte[] peerPublicKey) {
            return new byte[32];
        }
    };

    @ParameterizedTest
    @EnumSource(TestProtocol.class)
    void clientRefusesAnAllZeroSecretEvenWhenTheProviderReturnsOne(TestProtocol p) {
        Handshakes.Run run = Handshakes.run(p.clientConfig(ALL_ZERO_AGREEMENT), Handshakes.serverConfig());

        assertThat(run.clientFailed(Failure.BAD_KEY_SHARE))
                .hasMessage("bad key share: the peer's X25519 key gives an all-zero secret");
        assertThat(run.sentByClient()).as("the ClientHello, then nothing but the refusal")
                .hasSize(1 + p.refusal(Alert.ILLEGAL_PARAMETER).size())
                .endsWith(p.refusal(Alert.ILLEGAL_PARAMETER).toArray(byte[][]::new));
    }

    @ParameterizedTest
    @EnumSource(TestProtocol.class)
    void serverRefusesAnAllZeroSecretEvenWhenTheProviderReturnsOne(TestProtocol p) {
        ServerConfig server = new ServerConfig(ALL_ZERO_AGREEMENT, new FixedRandom(SERVER_RANDOM, SERVER_PRIVATE_KEY),
                PKI.serverPem(), CRYPTO.ed25519SigningKey(PKI.serverKey()), HandshakeObserver.NONE);
        Handshakes.Run run = Handshakes.run(p.clientConfig(CRYPTO), server);

        assertThat(run.serverFailed(Failure.BAD_KEY_SHARE))
                .hasMessage("bad key share: the peer's X25519 key gives an all-zero secret");
        assertThat(run.sentByServer()).as("nothing but the refusal")
                .containsExactlyElementsOf(p.refusal(Alert.ILLEGAL_PARAMETER));
    }

    private static void assertMessage(Exception failure, Case c) {
        if (c.exact()) {
            assertThat(failure).hasMessage(c.message());
        } else {
            assertThat(failure).hasMessageStartingWith(c.message());
        }
    }
}
