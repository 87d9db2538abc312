package dev.minitls.transport.tls13;

import static dev.minitls.transport.tls13.Tls13Assertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.tls13.RecordContentType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Protected records under AES-256-GCM: inner plaintext, padding, sequence numbers, tampering. */
class RecordProtectionTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] IV = "twelve bytes".getBytes(StandardCharsets.US_ASCII);
    private static final InnerPlaintext HELLO = new InnerPlaintext(RecordContentType.APPLICATION_DATA,
            "hello".getBytes(StandardCharsets.US_ASCII));

    private final RecordProtection sealer = protection();
    private final RecordProtection opener = protection();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, InnerPlaintext.MAX_LENGTH - 6})
    void paddingHidesTheLengthAndIsStrippedOnOpening(int padding) {
        TlsRecord record = record(sealer.seal(HELLO, padding));

        assertThat(record.type()).isEqualTo(RecordContentType.APPLICATION_DATA);
        assertThat(record.legacyVersion()).isEqualTo(TlsRecord.TLS_1_2);
        assertThat(record.fragment()).hasSize(5 + 1 + padding + 16);
        assertThat(opener.open(record)).usingRecursiveComparison().isEqualTo(HELLO);
    }

    @Test
    void eachRecordHasItsOwnNonceAndRecordsOpenOnlyInOrder() {
        TlsRecord first = record(sealer.seal(HELLO, 0));
        TlsRecord second = record(sealer.seal(HELLO, 0));

        assertThat(first.fragment()).isNotEqualTo(second.fragment());
        assertRefused(() -> protection().open(second), Failure.BAD_RECORD_MAC, "record 0 failed authentication");
        assertThat(opener.open(first).content()).isEqualTo(HELLO.content());
        assertThat(opener.open(second).content()).isEqualTo(HELLO.content());
    }

    @Test
    void aFlippedBitInTheVersionOrTheFragmentFailsAuthentication() {
        TlsRecord sealed = record(sealer.seal(HELLO, 3));
        for (int i = 0; i < 2 + sealed.fragment().length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                int version = i < 2 ? sealed.legacyVersion() ^ (0x100 >>> (8 * i)) << bit : sealed.legacyVersion();
                byte[] fragment = sealed.fragment().clone();
                if (i >= 2) {
                    fragment[i - 2] ^= (byte) (1 << bit);
                }
                TlsRecord tampered = new TlsRecord(RecordContentType.APPLICATION_DATA, version, fragment);
                assertRefused(() -> protection().open(tampered), Failure.BAD_RECORD_MAC, "failed authentication");
            }
        }
    }

    @Test
    void aSealThatFailsInTheAeadSpendsItsNonceAllTheSame() {
        List<byte[]> nonces = new ArrayList<>();
        JdkAead real = new JdkAead(KEY);
        Aead failingOnce = new Aead() {
            @Override
            public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
                nonces.add(nonce);
                if (nonces.size() == 1) {
                    throw new CryptoException(CryptoException.Kind.INVALID_KEY, "refused");
                }
                return real.seal(nonce, associatedData, plaintext);
            }

            @Override
            public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
                return real.open(nonce, associatedData, ciphertextAndTag);
            }

            @Override
            public void destroy() {
                real.destroy();
            }
        };
        RecordProtection protection = new RecordProtection(failingOnce, IV);

        assertThatThrownBy(() -> protection.seal(HELLO, 0)).isInstanceOf(CryptoException.class);
        TlsRecord second = record(protection.seal(HELLO, 0));

        assertThat(nonces.get(1)).isNotEqualTo(nonces.get(0));
        assertThat(protection.remaining()).isEqualTo(RecordLimits.MAX_RECORDS_PER_KEY - 2);
        assertRefused(() -> opener.open(second), Failure.BAD_RECORD_MAC, "record 0 failed authentication");
    }

    @Test
    void aClearRecordWhereAProtectedOneIsDueIsUnexpected() {
        TlsRecord clear = new TlsRecord(RecordContentType.HANDSHAKE, new byte[20]);

        assertRefused(() -> opener.open(clear), Failure.UNEXPECTED_MESSAGE, "a clear handshake record");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15})
    void aRecordTooShortForATagIsABadRecordMac(int length) {
        TlsRecord tiny = new TlsRecord(RecordContentType.APPLICATION_DATA, new byte[length]);

        assertRefused(() -> opener.open(tiny), Failure.BAD_RECORD_MAC, "too short for a tag");
    }

    @Test
    void anInnerPlaintextOfZerosOnlyIsUnexpected() {
        TlsRecord zeros = sealRaw(new byte[40]);

        assertRefused(() -> opener.open(zeros), Failure.UNEXPECTED_MESSAGE, "zeros only");
    }

    @Test
    void anEmptyInnerPlaintextIsUnexpected() {
        TlsRecord empty = sealRaw(new byte[0]);

        assertRefused(() -> opener.open(empty), Failure.UNEXPECTED_MESSAGE, "zeros only");
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 24, 1, 255})
    void aProtectedChangeCipherSpecOrUnknownTypeIsUnexpected(int type) {
        TlsRecord record = sealRaw(new byte[] {1, (byte) type, 0, 0});

        assertRefused(() -> opener.open(record), Failure.UNEXPECTED_MESSAGE,
                "protected record of content type " + type);
    }

    @Test
    void anInnerPlaintextOverTheLimitIsARecordOverflow() {
        byte[] inner = new byte[InnerPlaintext.MAX_LENGTH + 1];
        inner[0] = 23;

        assertRefused(() -> opener.open(sealRaw(inner)), Failure.RECORD_OVERFLOW, "at most 16385");
    }

    @Test
    void emptyApplicationDataIsAllowed() {
        InnerPlaintext empty = new InnerPlaintext(RecordContentType.APPLICATION_DATA, new byte[0]);

        assertThat(opener.open(record(sealer.seal(empty, 0))).content()).isEmpty();
    }

    @Test
    void contentAndPaddingOverTheLimitAreNotSealed() {
        InnerPlaintext full = new InnerPlaintext(RecordContentType.APPLICATION_DATA, new byte[TlsRecord.MAX_PLAINTEXT]);

        assertThat(opener.open(record(sealer.seal(full, 0))).content()).hasSize(TlsRecord.MAX_PLAINTEXT);
        assertThatThrownBy(() -> sealer.seal(full, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(HELLO, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InnerPlaintext(RecordContentType.CHANGE_CIPHER_SPEC, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDestroyedKeyDestroysItsAeadAndNeitherSealsNorOpensAgain() {
        JdkAead aead = new JdkAead(KEY);
        RecordProtection protection = new RecordProtection(aead, IV);
        TlsRecord sealed = record(sealer.seal(HELLO, 0));

        protection.destroy();
        protection.destroy();

        assertThatThrownBy(() -> aead.seal(new byte[12], new byte[0], new byte[0]))
                .as("the AEAD itself was destroyed").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> protection.seal(HELLO, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this record key was destroyed");
        assertThatThrownBy(() -> protection.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this record key was destroyed");
    }

    /** The record whose bytes are {@code wire}. */
    private static TlsRecord record(byte[] wire) {
        try {
            TlsRecord record = RecordReader.client(new ByteArrayInputStream(wire)).next();
            assertThat(record.encode()).as("one whole record").isEqualTo(wire);
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record whose decrypted bytes are exactly {@code inner}, as a hostile peer would seal it. */
    private static TlsRecord sealRaw(byte[] inner) {
        byte[] header = TlsRecord.header(RecordContentType.APPLICATION_DATA, TlsRecord.TLS_1_2, inner.length + 16);
        byte[] nonce = dev.minitls.domain.record.Nonces.forSequence(IV, 0);
        return new TlsRecord(RecordContentType.APPLICATION_DATA, new JdkAead(KEY).seal(nonce, header, inner));
    }

    private static RecordProtection protection() {
        return new RecordProtection(new JdkAead(KEY), IV);
    }
}
