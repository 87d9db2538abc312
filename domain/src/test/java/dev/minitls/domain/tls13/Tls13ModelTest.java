package dev.minitls.domain.tls13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TLS 1.3 message model: HelloRetryRequest recognition, code points and their names, immutable lists. */
class Tls13ModelTest {

    @Test
    void theHelloRetryRequestRandomIsTheSha256OfItsName() throws NoSuchAlgorithmException {
        byte[] sha256 = MessageDigest.getInstance("SHA-256")
                .digest("HelloRetryRequest".getBytes(StandardCharsets.US_ASCII));

        assertThat(ServerHello.helloRetryRequestRandom()).isEqualTo(sha256);
        assertThat(hello(sha256).isHelloRetryRequest()).isTrue();
    }

    @Test
    void anyOtherRandomMakesAPlainServerHello() {
        byte[] random = ServerHello.helloRetryRequestRandom();
        random[31] ^= 1;

        assertThat(hello(random).isHelloRetryRequest()).isFalse();
        assertThat(hello(new byte[32]).isHelloRetryRequest()).isFalse();
    }

    @Test
    void theSpecialRandomCannotBeChangedThroughItsCopy() {
        ServerHello.helloRetryRequestRandom()[0] ^= 1;

        assertThat(hello(ServerHello.helloRetryRequestRandom()).isHelloRetryRequest()).isTrue();
    }

    @Test
    void knownCodePointsHaveTheirRfcNamesAndOthersTheirNumber() {
        assertThat(CipherSuite.TLS_AES_128_GCM_SHA256.code()).isEqualTo(0x1301);
        assertThat(CipherSuite.TLS_AES_256_GCM_SHA384).hasToString("TLS_AES_256_GCM_SHA384");
        assertThat(CipherSuite.TLS_CHACHA20_POLY1305_SHA256).hasToString("TLS_CHACHA20_POLY1305_SHA256");
        assertThat(new CipherSuite(0xc02f)).hasToString("0xc02f");
        assertThat(NamedGroup.X25519).hasToString("x25519");
        assertThat(NamedGroup.SECP256R1.code()).isEqualTo(0x0017);
        assertThat(new NamedGroup(0x0100).name()).isEqualTo("ffdhe2048");
        assertThat(new NamedGroup(0x11ec)).hasToString("0x11ec");
        assertThat(SignatureScheme.ED25519).hasToString("ed25519");
        assertThat(SignatureScheme.ECDSA_SECP256R1_SHA256).hasToString("ecdsa_secp256r1_sha256");
        assertThat(SignatureScheme.RSA_PSS_RSAE_SHA256).hasToString("rsa_pss_rsae_sha256");
        assertThat(new SignatureScheme(0x0001)).hasToString("0x0001");
        assertThat(new CipherSuite(0x1301)).isEqualTo(CipherSuite.TLS_AES_128_GCM_SHA256);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0x10000, Integer.MAX_VALUE})
    void aCodePointFits16Bits(int code) {
        assertThatThrownBy(() -> new CipherSuite(code)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a cipher suite must fit 16 bits, got " + code);
        assertThatThrownBy(() -> new NamedGroup(code)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignatureScheme(code)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Extension.Unknown(code, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theListsOfAMessageAreCopiesThatCannotChange() {
        List<Extension> extensions = new ArrayList<>(List.of(new Extension.SelectedVersion(0x0304)));
        EncryptedExtensions message = new EncryptedExtensions(extensions);
        extensions.clear();

        assertThat(message.extensions()).hasSize(1);
        assertThatThrownBy(() -> message.extensions().add(new Extension.Cookie(new byte[1])))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eachMessageNamesItsHandshakeType() {
        assertThat(List.of(hello(new byte[32]).type(), new EncryptedExtensions(List.of()).type(),
                new CertificateMessage(new byte[0], List.of()).type(),
                new CertificateVerify(SignatureScheme.ED25519, new byte[0]).type(), new Finished(new byte[0]).type(),
                new NewSessionTicket(0, 0, new byte[0], new byte[1], List.of()).type(), new KeyUpdate(false).type(),
                new ClientHello(0x0303, new byte[32], new byte[0], List.of(), new byte[1], List.of()).type()))
                .extracting(HandshakeType::code).containsExactly(2, 8, 11, 15, 20, 4, 24, 1);
        assertThat(HandshakeType.fromCode(13)).isEmpty();
        assertThat(HandshakeType.KEY_UPDATE.rfcName()).isEqualTo("key_update");
        assertThat(RecordContentType.fromCode(20)).contains(RecordContentType.CHANGE_CIPHER_SPEC);
        assertThat(RecordContentType.fromCode(0)).isEmpty();
        assertThat(RecordContentType.APPLICATION_DATA.rfcName()).isEqualTo("application_data");
    }

    private static ServerHello hello(byte[] random) {
        return new ServerHello(0x0303, random, new byte[0], CipherSuite.TLS_AES_128_GCM_SHA256, 0, List.of());
    }
}
