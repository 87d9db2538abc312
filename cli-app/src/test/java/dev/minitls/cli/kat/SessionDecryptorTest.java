package dev.minitls.cli.kat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.record.RecordFormat;
import dev.minitls.domain.record.RecordSealer;
import dev.minitls.domain.trace.Side;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SessionDecryptor} refuses a wire that is not a v2 session in the documented order, saying why. */
class SessionDecryptorTest {

    private final CryptoProvider crypto = new BcCryptoProvider();
    private V2KnownAnswer file;
    private List<WireFrame> wire;

    @BeforeEach
    void loadTheFile() throws IOException {
        file = V2KnownAnswer.load();
        wire = file.wire();
    }

    @Test
    void aSessionMustOpenWithBothHellos() {
        assertRefused(List.of(wire.get(0)), "a session opens with the client's hello, then the server's");
        assertRefused(List.of(wire.get(1), wire.get(0)), "a session opens with the client's hello, then the server's");
    }

    @Test
    void theServerHelloMustComeInClear() {
        assertRefused(List.of(wire.get(0), wire.get(2)), "expected a ServerHello in clear, got ApplicationData");
    }

    @Test
    void everyFrameAfterTheHellosMustBeARecord() {
        assertRefused(List.of(wire.get(0), wire.get(1), wire.get(1)),
                "expected a record from the server, got ServerHello");
    }

    @Test
    void aRecordMustEndWithAContentType() {
        byte[] noContentType = V2Session.FORMATS.v2().encode(
                new RecordSealer(crypto, file.trafficKeys("server_handshake"), RecordFormat.V2).seal(new byte[] {'x'}));

        assertRefused(List.of(wire.get(0), wire.get(1), new WireFrame(Side.SERVER, noContentType)),
                "record 0 from the server has no content type");
    }

    @Test
    void theClientsFinishedMustFollowTheServers() {
        assertRefused(List.of(wire.get(0), wire.get(1), wire.get(5)), "the client's Finished came before the server's");
    }

    @Test
    void aSessionNeedsTheCertificateVerifyAndBothFinished() {
        assertRefused(wire.subList(0, 5), "the session has no CertificateVerify or not both Finished messages");
    }

    private void assertRefused(List<WireFrame> frames, String message) {
        byte[] clientKey = file.inputs().clientEphemeralPrivateKey();

        assertThatThrownBy(() -> SessionDecryptor.decrypt(frames, clientKey, crypto))
                .isInstanceOf(IllegalStateException.class).hasMessage(message);
    }
}
