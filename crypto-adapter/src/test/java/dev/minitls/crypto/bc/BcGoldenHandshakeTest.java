package dev.minitls.crypto.bc;

import static dev.minitls.crypto.VectorFiles.hex;
import static dev.minitls.crypto.VectorFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minitls.crypto.VectorFiles;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.SigningKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The primitives against the handshake recorded from the original Python program: the provider must compute what
 * Python's {@code cryptography} computed, byte for byte.
 */
class BcGoldenHandshakeTest {

    private final BcCryptoProvider crypto = new BcCryptoProvider();
    private JsonNode golden;

    @BeforeEach
    void readGolden() {
        golden = VectorFiles.read("seed-v1-golden.json");
    }

    @Test
    void x25519AgreesWithTheRecordedKeyExchange() throws Exception {
        byte[] serverPrivate = hex(golden.get("server_ephemeral_private_key"));
        byte[] serverPublic = hex(line(1).get("EphPubKey"));

        assertThat(crypto.x25519PublicKey(serverPrivate)).isEqualTo(serverPublic);
        assertThat(crypto.x25519(hex(golden.get("client_ephemeral_private_key")), serverPublic))
                .isEqualTo(hex(golden.get("derived").get("shared_secret")));
    }

    @Test
    void signingWithTheServerKeyReproducesTheRecordedCertificateVerify() throws Exception {
        SigningKey key = crypto.signingKey(Pem.decode("PRIVATE KEY", utf8(golden.get("server_private_key_pem"))));
        Certificate certificate =
                crypto.parseCertificate(Pem.decode(Pem.CERTIFICATE, utf8(golden.get("server_certificate_pem"))));
        byte[] transcriptThroughCertificate = hex(golden.get("transcript_sha256_after_each_handshake_message").get(2));
        byte[] recorded = hex(line(3));

        assertThat(key.publicKey()).isEqualTo(certificate.publicKey());
        assertThat(key.sign(transcriptThroughCertificate)).isEqualTo(recorded);
        assertThat(crypto.ed25519Verify(certificate.publicKey(), transcriptThroughCertificate, recorded)).isTrue();
    }

    @Test
    void hmacReproducesTheRecordedServerFinished() throws Exception {
        byte[] finishedKey = hex(golden.get("derived").get("finished_key_server"));
        byte[] transcriptThroughCertificateVerify =
                hex(golden.get("transcript_sha256_after_each_handshake_message").get(3));

        assertThat(crypto.hmac(HashAlgorithm.SHA256, finishedKey, transcriptThroughCertificateVerify))
                .isEqualTo(hex(line(4)));
    }

    @Test
    void hkdfReproducesTheRecordedKeys() {
        JsonNode derived = golden.get("derived");
        byte[] derivedKey = hkdf(hex(derived.get("shared_secret")), "Handshake Data", 32);

        assertThat(derivedKey).isEqualTo(hex(derived.get("derived_key")));
        assertThat(hkdf(derivedKey, "client app key", 32)).isEqualTo(hex(derived.get("client_app_key")));
        assertThat(hkdf(derivedKey, "client app iv", 12)).isEqualTo(hex(derived.get("client_app_iv")));
    }

    @Test
    void aesGcmOpensAndReproducesTheRecordedApplicationRecord() throws Exception {
        JsonNode derived = golden.get("derived");
        JsonNode record = line(6);
        byte[] nonce = hex(derived.get("client_app_iv")); // sequence number 0: the IV itself
        byte[] ciphertext = hex(record.get("Ciphertext"));
        byte[] plaintext = golden.get("application_plaintext").textValue().getBytes(StandardCharsets.UTF_8);

        assertThat(record.get("Seq").intValue()).isZero();
        var aead = crypto.aead(AeadAlgorithm.AES_256_GCM, hex(derived.get("client_app_key")));
        assertThat(aead.open(nonce, new byte[0], ciphertext)).isEqualTo(plaintext);
        assertThat(aead.seal(nonce, new byte[0], plaintext)).isEqualTo(ciphertext);
    }

    private byte[] hkdf(byte[] ikm, String info, int length) {
        byte[] prk = crypto.hkdfExtract(HashAlgorithm.SHA256, new byte[0], ikm);
        return crypto.hkdfExpand(HashAlgorithm.SHA256, prk, info.getBytes(StandardCharsets.US_ASCII), length);
    }

    /** The JSON value of recorded message {@code index}. */
    private JsonNode line(int index) throws Exception {
        return new ObjectMapper().readTree(golden.get("messages").get(index).get("line").textValue());
    }
}
