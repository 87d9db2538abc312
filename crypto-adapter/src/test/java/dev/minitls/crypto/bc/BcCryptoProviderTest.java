package dev.minitls.crypto.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.SigningKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Bouncy Castle provider's own behaviour: the port's rules and the traps a careless adapter falls into. */
class BcCryptoProviderTest {

    private static final HexFormat HEX = HexFormat.of();

    private final BcCryptoProvider crypto = new BcCryptoProvider();

    @Test
    void isNamedBc() {
        assertThat(crypto.name()).isEqualTo("bc");
    }

    @Nested
    class Sha256 {

        @Test
        void digestSoFarDoesNotEndTheHash() {
            HashContext hash = crypto.hash(HashAlgorithm.SHA256);
            hash.update(ascii("a"));
            byte[] afterA = hash.digestSoFar();
            hash.update(ascii("bc"));

            // FIPS 180-2 "abc" and the well-known SHA-256 of "a"
            assertThat(afterA).isEqualTo(hex("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"));
            assertThat(hash.digestSoFar())
                    .isEqualTo(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        }

        @Test
        void freshContextHashesNothing() {
            assertThat(crypto.hash(HashAlgorithm.SHA256).digestSoFar())
                    .isEqualTo(hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        }
    }

    @Nested
    class Hkdf {

        @Test
        void emptySaltMeansThirtyTwoZeroBytes() {
            byte[] ikm = ascii("input keying material");
            assertThat(crypto.hkdfExtract(HashAlgorithm.SHA256, new byte[0], ikm))
                    .isEqualTo(crypto.hkdfExtract(HashAlgorithm.SHA256, new byte[32], ikm));
        }

        @Test
        void expandsToAnyLengthFromZeroTo8160() {
            byte[] prk = new byte[32];
            assertThat(crypto.hkdfExpand(HashAlgorithm.SHA256, prk, new byte[0], 0)).isEmpty();
            byte[] longest = crypto.hkdfExpand(HashAlgorithm.SHA256, prk, new byte[0], 255 * 32);
            assertThat(longest).hasSize(8160);
            assertThat(crypto.hkdfExpand(HashAlgorithm.SHA256, prk, new byte[0], 42))
                    .isEqualTo(Arrays.copyOf(longest, 42));
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 255 * 32 + 1})
        void refusesLengthsOutsideTheRfcRange(int length) {
            assertKind(() -> crypto.hkdfExpand(HashAlgorithm.SHA256, new byte[32], new byte[0], length),
                    CryptoException.Kind.INVALID_ARGUMENT);
        }
    }

    @Nested
    class X25519 {

        private final byte[] privateKey = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

        @ParameterizedTest
        @ValueSource(strings = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"})
        void rejectsLowOrderPeerKeysThatGiveAnAllZeroSecret(String lowOrderPoint) {
            assertKind(() -> crypto.x25519(privateKey, hex(lowOrderPoint)), CryptoException.Kind.INVALID_KEY);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 31, 33})
        void rejectsKeysThatAreNot32Bytes(int length) {
            byte[] wrong = new byte[length];
            byte[] peer = crypto.x25519PublicKey(privateKey);
            assertKind(() -> crypto.x25519(wrong, peer), CryptoException.Kind.INVALID_KEY);
            assertKind(() -> crypto.x25519(privateKey, wrong), CryptoException.Kind.INVALID_KEY);
            assertKind(() -> crypto.x25519PublicKey(wrong), CryptoException.Kind.INVALID_KEY);
        }
    }

    @Nested
    class Ed25519 {

        private final SigningKey key = crypto.ed25519SigningKey(
                hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        private final byte[] message = ascii("transcript hash");
        private final byte[] signature = key.sign(message);

        @Test
        void verifiesItsOwnSignatureAndNothingElse() {
            assertThat(crypto.ed25519Verify(key.publicKey(), message, signature)).isTrue();
            assertThat(crypto.ed25519Verify(key.publicKey(), ascii("transcript hasH"), signature)).isFalse();
            byte[] flipped = signature.clone();
            flipped[10] ^= 1;
            assertThat(crypto.ed25519Verify(key.publicKey(), message, flipped)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 63, 65})
        void signatureOfAnyOtherLengthIsFalse(int length) {
            // 65 bytes: the valid signature plus a trailing zero, which JDK 17's verifier accepts
            byte[] resized = Arrays.copyOf(signature, length);
            assertThat(crypto.ed25519Verify(key.publicKey(), message, resized)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 31, 33})
        void publicKeyOfAnyOtherLengthIsFalse(int length) {
            assertThat(crypto.ed25519Verify(Arrays.copyOf(key.publicKey(), length), message, signature)).isFalse();
        }

        @Test
        void publicKeyThatIsNotAPointIsFalse() {
            // y = 2 has no x on edwards25519: (y^2 - 1) / (d y^2 + 1) is not a square mod p
            byte[] notAPoint = hex("0200000000000000000000000000000000000000000000000000000000000000");
            assertThat(crypto.ed25519Verify(notAPoint, message, signature)).isFalse();
        }

        @Test
        void nonCanonicalSIsFalse() {
            BigInteger order = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
            byte[] s = Arrays.copyOfRange(signature, 32, 64);
            byte[] sPlusOrder = littleEndian(new BigInteger(1, reverse(s)).add(order));
            byte[] malleated = signature.clone();
            System.arraycopy(sPlusOrder, 0, malleated, 32, 32);
            assertThat(crypto.ed25519Verify(key.publicKey(), message, malleated)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 31, 33, 64})
        void signingKeyMustBe32Bytes(int length) {
            assertKind(() -> crypto.ed25519SigningKey(new byte[length]), CryptoException.Kind.INVALID_KEY);
        }

        @Test
        void signingKeyDoesNotShowItsBytes() {
            assertThat(key.toString()).doesNotContain("4ccd089b").contains("not shown");
        }
    }

    @Nested
    class AesGcm {

        private final byte[] keyBytes = hex("29f8f75e7308eab237334b3f8f6b4fa9bc58034bfdc6210669e1db7415aa3e16");
        private final Aead aead = crypto.aead(AeadAlgorithm.AES_256_GCM, keyBytes);
        private final byte[] nonce = hex("ab61aeb7077a3c2c82aa213d");
        private final byte[] associatedData = ascii("record header");
        private final byte[] plaintext = new byte[100];

        @Test
        void sealsToCiphertextPlusTagAndOpensBack() {
            Arrays.fill(plaintext, (byte) 'p');
            byte[] sealed = aead.seal(nonce, associatedData, plaintext);
            assertThat(sealed).hasSize(plaintext.length + Aead.TAG_LENGTH);
            assertThat(aead.open(nonce, associatedData, sealed)).isEqualTo(plaintext);
            assertThat(crypto.aead(AeadAlgorithm.AES_256_GCM, keyBytes).open(nonce, associatedData, sealed))
                    .isEqualTo(plaintext);
        }

        /** Bouncy Castle's cipher is kept: a refused repeated nonce leaves it as good as before. */
        @Test
        void aRefusedRepeatedNonceLeavesTheCipherUsable() {
            byte[] sealed = aead.seal(nonce, associatedData, plaintext);
            assertKind(() -> aead.seal(nonce, associatedData, plaintext), CryptoException.Kind.NONCE_REUSED);
            byte[] otherNonce = nonce.clone();
            otherNonce[0] ^= 1;
            byte[] next = aead.seal(otherNonce, associatedData, plaintext);

            Aead fresh = crypto.aead(AeadAlgorithm.AES_256_GCM, keyBytes);
            assertThat(fresh.open(nonce, associatedData, sealed)).isEqualTo(plaintext);
            assertThat(fresh.open(otherNonce, associatedData, next)).isEqualTo(plaintext);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 50, 99, 100, 115})
        void anyFlippedBitFailsAuthentication(int position) {
            // positions up to 99 are ciphertext, 100 to 115 the tag; Bouncy Castle would hand out early plaintext
            byte[] sealed = aead.seal(nonce, associatedData, plaintext);
            sealed[position] ^= 0x01;
            assertKind(() -> aead.open(nonce, associatedData, sealed), CryptoException.Kind.AUTHENTICATION_FAILED);
        }

        @Test
        void wrongAssociatedDataOrNonceFailsAuthentication() {
            byte[] sealed = aead.seal(nonce, associatedData, plaintext);
            byte[] otherNonce = nonce.clone();
            otherNonce[11] ^= 1;
            assertKind(() -> aead.open(nonce, ascii("other header"), sealed),
                    CryptoException.Kind.AUTHENTICATION_FAILED);
            assertKind(() -> aead.open(otherNonce, associatedData, sealed), CryptoException.Kind.AUTHENTICATION_FAILED);
        }

        @Test
        void ciphertextShorterThanTheTagFailsAuthentication() {
            assertKind(() -> aead.open(nonce, associatedData, new byte[Aead.TAG_LENGTH - 1]),
                    CryptoException.Kind.AUTHENTICATION_FAILED);
        }

        @Test
        void staysUsableAfterAFailedOpen() {
            byte[] sealed = aead.seal(nonce, associatedData, plaintext);
            byte[] forged = sealed.clone();
            forged[0] ^= 1;
            assertKind(() -> aead.open(nonce, associatedData, forged), CryptoException.Kind.AUTHENTICATION_FAILED);
            assertThat(aead.open(nonce, associatedData, sealed)).isEqualTo(plaintext);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 11, 13, 16})
        void nonceMustBe12Bytes(int length) {
            byte[] sealed = aead.seal(nonce, associatedData, plaintext);
            assertKind(() -> aead.seal(new byte[length], associatedData, plaintext),
                    CryptoException.Kind.INVALID_ARGUMENT);
            assertKind(() -> aead.open(new byte[length], associatedData, sealed),
                    CryptoException.Kind.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 16, 24, 31, 33})
        void keyMustBe32Bytes(int length) {
            assertKind(() -> crypto.aead(AeadAlgorithm.AES_256_GCM, new byte[length]),
                    CryptoException.Kind.INVALID_KEY);
        }
    }

    private static void assertKind(ThrowingCallable call, CryptoException.Kind kind) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return reversed;
    }

    /** {@code value} as 32 little-endian bytes. */
    private static byte[] littleEndian(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] padded = new byte[32];
        int length = Math.min(bigEndian.length, 32);
        System.arraycopy(bigEndian, bigEndian.length - length, padded, 32 - length, length);
        return reverse(padded);
    }
}
