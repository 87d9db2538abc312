package dev.minitls.crypto.hostile;

import static dev.minitls.crypto.hostile.X509Certificates.GOOD_SERVER;
import static dev.minitls.crypto.hostile.X509Certificates.ROOT;
import static dev.minitls.crypto.hostile.X509Certificates.SERVER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minitls.crypto.VectorFiles;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.message.ServerHello;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.testing.FakeTransport.Fault;
import dev.minitls.testing.TestCodec;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The low-order X25519 public keys of Wycheproof's ZeroSharedSecret cases ({@code x25519_test.json}) as the key share
 * of a ClientHello and of a ServerHello, with each real provider and in both protocols: whatever the private key,
 * they give an all-zero secret. The side that gets one refuses it with BAD_KEY_SHARE before it sends anything
 * derived from it; in v2 the other side is told illegal_parameter.
 */
class LowOrderKeyShareTest {

    static Stream<Arguments> cases() {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode group : VectorFiles.read("wycheproof/x25519_test.json").get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                for (JsonNode flag : test.get("flags")) {
                    if (flag.asText().equals("ZeroSharedSecret")) {
                        keys.add(test.get("public").asText());
                    }
                }
            }
        }
        assertThat(keys).as("Wycheproof's ZeroSharedSecret public keys").isNotEmpty();
        return RealHandshakes.PROVIDERS.stream().flatMap(crypto -> ProtocolVersion.jsonLinesProtocols().stream()
                .flatMap(protocol -> Stream.of(true, false).flatMap(inClientHello -> keys.stream()
                        .map(key -> Arguments.of(crypto, protocol, inClientHello ? "ClientHello" : "ServerHello",
                                key)))));
    }

    @ParameterizedTest(name = "{0} {1}: {2} with key share {3}")
    @MethodSource("cases")
    void theSideThatGetsALowOrderKeyShareRefusesIt(CryptoProvider crypto, ProtocolVersion protocol, String hello,
            String keyHex) {
        byte[] key = HexFormat.of().parseHex(keyHex);
        TestCodec codec = protocol == ProtocolVersion.V1 ? TestCodec.V1 : TestCodec.V2;
        boolean inClientHello = hello.equals("ClientHello");
        Fault rewrite = Fault.alter(0, frame -> codec.encode(inClientHello
                ? withKey((ClientHello) codec.decode(frame, MessageType.CLIENT_HELLO), key)
                : withKey((ServerHello) codec.decode(frame, MessageType.SERVER_HELLO), key)));
        RealHandshakes.Outcome outcome = RealHandshakes.run(crypto, protocol, ROOT, GOOD_SERVER,
                SERVER_KEY.getEncoded(), inClientHello ? rewrite : Fault.NONE, inClientHello ? Fault.NONE : rewrite);

        if (inClientHello) {
            assertThat(outcome.serverFailed(Failure.BAD_KEY_SHARE))
                    .hasMessageStartingWith("bad key share: X25519 refused the peer's key: ");
            assertThat(outcome.transport().server().sentFrames()).as("nothing but an alert")
                    .hasSize(protocol == ProtocolVersion.V2 ? 1 : 0);
            outcome.clientToldOrClosed(protocol, Alert.ILLEGAL_PARAMETER);
        } else {
            assertThat(outcome.clientFailed(Failure.BAD_KEY_SHARE))
                    .hasMessageStartingWith("bad key share: X25519 refused the peer's key: ");
            assertThat(outcome.transport().client().sentFrames()).as("the ClientHello, then only an alert")
                    .hasSize(protocol == ProtocolVersion.V2 ? 2 : 1);
            outcome.serverToldOrClosed(protocol, Alert.ILLEGAL_PARAMETER);
        }
    }

    private static ClientHello withKey(ClientHello h, byte[] key) {
        return new ClientHello(h.random(), h.version(), key, h.suite(), h.serverName());
    }

    private static ServerHello withKey(ServerHello h, byte[] key) {
        return new ServerHello(h.random(), h.version(), key, h.suite());
    }
}
