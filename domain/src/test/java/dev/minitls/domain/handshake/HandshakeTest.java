package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestCodec;
import dev.minitls.testing.TestPeers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandshakeTest {

    private final InsecureTestCrypto crypto = new InsecureTestCrypto();
    private final TestCertificates.Pki pki = TestCertificates.pki();

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V1", "V2"})
    void completesAndCarriesRecordsBothWays(ProtocolVersion protocol) {
        FakeTransport transport = FakeTransport.pair();
        TestPeers.Both both = TestPeers.handshake(transport, TestCodec.formats(),
                TestPeers.client(crypto, pki, protocol), TestPeers.server(crypto, pki));

        assertThat(both.client().failure()).isNull();
        assertThat(both.server().failure()).isNull();
        assertThat(both.client().channel().protocol()).isEqualTo(protocol);
        assertThat(both.server().channel().protocol()).isEqualTo(protocol);
        both.client().channel().send("hello server".getBytes(StandardCharsets.UTF_8));
        both.server().channel().send("hello client".getBytes(StandardCharsets.UTF_8));

        assertThat(both.server().channel().receive()).hasValueSatisfying(
                m -> assertThat(new String(m, StandardCharsets.UTF_8)).isEqualTo("hello server"));
        assertThat(both.client().channel().receive()).hasValueSatisfying(
                m -> assertThat(new String(m, StandardCharsets.UTF_8)).isEqualTo("hello client"));

        both.client().channel().close();
        assertThat(both.server().channel().receive()).isEmpty();
    }
}
