package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.testing.FakeTransport;
import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import dev.minitls.testing.TestCodec;
import dev.minitls.testing.TestPeers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private final InsecureTestCrypto crypto = new InsecureTestCrypto();
    private final TestCertificates.Pki pki = TestCertificates.pki();

    @Test
    void completesAndCarriesRecordsBothWays() {
        FakeTransport transport = FakeTransport.pair();
        TestPeers.Both both = TestPeers.handshake(transport, new TestCodec(), TestPeers.client(crypto, pki),
                TestPeers.server(crypto, pki));

        assertThat(both.client().failure()).isNull();
        assertThat(both.server().failure()).isNull();
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
