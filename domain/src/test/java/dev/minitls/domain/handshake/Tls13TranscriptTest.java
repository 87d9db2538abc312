package dev.minitls.domain.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.testing.InsecureTestCrypto;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

/**
 * The transcript's hash is the hash of every message added, in order, whenever it is asked for: before the first
 * hash the messages are kept, after it they are hashed as they come.
 */
class Tls13TranscriptTest {

    private final Tls13Transcript transcript = new Tls13Transcript(new InsecureTestCrypto());
    private final ByteArrayOutputStream added = new ByteArrayOutputStream();

    @Test
    void eachHashCoversEveryMessageAddedSoFarBeforeAndAfterTheFirstHash() throws Exception {
        add("ClientHello");
        add("ServerHello");
        assertThat(transcript.hash(HashAlgorithm.SHA384)).isEqualTo(sha("SHA-384", added.toByteArray()));

        add("EncryptedExtensions");
        add("Certificate");
        assertThat(transcript.hash(HashAlgorithm.SHA384)).isEqualTo(sha("SHA-384", added.toByteArray()));
        assertThat(transcript.hash(HashAlgorithm.SHA384)).as("asking again changes nothing")
                .isEqualTo(sha("SHA-384", added.toByteArray()));
    }

    @Test
    void aHelloRetryRequestReplacesTheFirstClientHelloWithItsMessageHash() throws Exception {
        add("ClientHello1");
        byte[] clientHello1 = sha("SHA-256", added.toByteArray());
        transcript.hash(HashAlgorithm.SHA256);

        transcript.replaceWithMessageHash(HashAlgorithm.SHA256);
        transcript.add(bytes("HelloRetryRequest"));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {(byte) 254, 0, 0, 32});
        expected.writeBytes(clientHello1);
        expected.writeBytes(bytes("HelloRetryRequest"));
        assertThat(transcript.hash(HashAlgorithm.SHA256)).isEqualTo(sha("SHA-256", expected.toByteArray()));
    }

    @Test
    void aHashWithAnotherAlgorithmThanTheFirstIsRefused() {
        add("ClientHello");
        transcript.hash(HashAlgorithm.SHA256);

        assertThatThrownBy(() -> transcript.hash(HashAlgorithm.SHA384)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the transcript is hashed with " + HashAlgorithm.SHA256 + ", not " + HashAlgorithm.SHA384);
    }

    @Test
    void afterAHelloRetryRequestTheTranscriptKeepsItsAlgorithm() {
        add("ClientHello1");
        transcript.replaceWithMessageHash(HashAlgorithm.SHA256);

        assertThatThrownBy(() -> transcript.hash(HashAlgorithm.SHA384)).isInstanceOf(IllegalStateException.class);
    }

    private void add(String message) {
        transcript.add(bytes(message));
        added.writeBytes(bytes(message));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha(String algorithm, byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(algorithm).digest(data);
    }
}
