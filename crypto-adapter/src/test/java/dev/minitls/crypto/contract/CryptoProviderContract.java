package dev.minitls.crypto.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minitls.crypto.VectorFiles;
import dev.minitls.crypto.pem.Pem;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException.Kind;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.minitls.crypto.VectorFiles.hex;
import static dev.minitls.crypto.contract.Certificates.assertSameFields;
import static dev.minitls.crypto.contract.Certificates.derOf;
import static dev.minitls.crypto.contract.Certificates.expected;
import static dev.minitls.crypto.contract.Certificates.pemOf;
import static dev.minitls.crypto.contract.Vectors.concat;
import static dev.minitls.crypto.contract.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What every {@link CryptoProvider} must do, checked the same way for each: the RFC test vectors, the eight
 * Wycheproof files, the traps where libraries differ (signature lengths, all-zero X25519 results, GCM tags, their own
 * exception types), the golden v1 handshake recorded from the original program, and certificate parsing.
 *
 * <p>A provider's test extends this class and only says how to make the provider.
 */
public abstract class CryptoProviderContract {

    private static final byte[] NO_BYTES = new byte[0];
    private static final String GOLDEN = "seed-v1-golden.json";

    /** A fresh instance of the provider under test. */
    protected abstract CryptoProvider provider();

    // ---------------------------------------------------------------- RFC vectors

    @TestFactory
    Stream<DynamicTest> hkdfMatchesRfc5869() {
        return each(VectorFiles.read("rfc-vectors.json").get("hkdf_sha256_rfc5869")).map(v ->
                dynamicTest(v.get("test_case").asText(), () -> {
                    byte[] prk = provider().hkdfExtract(HashAlgorithm.SHA256, hex(v.get("salt")), hex(v.get("ikm")));
                    assertThat(hex(prk)).isEqualTo(v.get("prk").asText());
                    byte[] okm = provider().hkdfExpand(HashAlgorithm.SHA256, prk, hex(v.get("info")),
                            v.get("length").asInt());
                    assertThat(hex(okm)).isEqualTo(v.get("okm").asText());
                }));
    }

    @TestFactory
    Stream<DynamicTest> hmacMatchesRfc4231() {
        return each(VectorFiles.read("rfc-vectors.json").get("hmac_sha256_rfc4231")).map(v ->
                dynamicTest(v.get("test_case").asText(), () ->
                        assertThat(hex(provider().hmac(HashAlgorithm.SHA256, hex(v.get("key")), hex(v.get("data")))))
                                .isEqualTo(v.get("mac").asText())));
    }

    /** Section 5.2; the second vector's u-coordinate has its top bit set, which X25519 must ignore. */
    @TestFactory
    Stream<DynamicTest> x25519MatchesRfc7748Section5() {
        return each(VectorFiles.read("rfc-vectors.json").get("x25519_rfc7748").get("section_5_2")).map(v ->
                dynamicTest("scalar " + v.get("scalar").asText(), () ->
                        assertThat(hex(provider().x25519(hex(v.get("scalar")), hex(v.get("u_coordinate")))))
                                .isEqualTo(v.get("output").asText())));
    }

    @Test
    void x25519MatchesRfc7748Section6DiffieHellman() {
        JsonNode v = VectorFiles.read("rfc-vectors.json").get("x25519_rfc7748").get("section_6_1");
        byte[] alice = hex(v.get("alice_private"));
        byte[] bob = hex(v.get("bob_private"));

        assertThat(hex(provider().x25519PublicKey(alice))).isEqualTo(v.get("alice_public").asText());
        assertThat(hex(provider().x25519PublicKey(bob))).isEqualTo(v.get("bob_public").asText());
        assertThat(hex(provider().x25519(alice, hex(v.get("bob_public"))))).isEqualTo(v.get("shared").asText());
        assertThat(hex(provider().x25519(bob, hex(v.get("alice_public"))))).isEqualTo(v.get("shared").asText());
    }

    @TestFactory
    Stream<DynamicTest> ed25519MatchesRfc8032() {
        return each(VectorFiles.read("rfc-vectors.json").get("ed25519_rfc8032")).map(v ->
                dynamicTest(v.get("name").asText(), () -> {
                    SigningKey key = provider().ed25519SigningKey(hex(v.get("secret_key")));
                    byte[] message = hex(v.get("message"));
                    byte[] signature = key.sign(message);

                    assertThat(hex(key.publicKey())).isEqualTo(v.get("public_key").asText());
                    assertThat(hex(signature)).isEqualTo(v.get("signature").asText());
                    assertThat(provider().ed25519Verify(key.publicKey(), message, signature)).isTrue();
                    byte[] otherMessage = Arrays.copyOf(message, message.length + 1);
                    assertThat(provider().ed25519Verify(key.publicKey(), otherMessage, signature)).isFalse();
                }));
    }

    // ---------------------------------------------------------------- Wycheproof

    /**
     * minitls refuses an all-zero shared secret (a low-order peer key, RFC 7748 section 6.1; RFC 8446 section 7.4.2
     * requires the check) and accepts every other case, the acceptable ones included: public keys on the twist, and
     * non-canonical u-coordinates, which are reduced modulo p as RFC 7748 says.
     */
    @TestFactory
    Stream<DynamicTest> x25519PassesWycheproof() {
        return Wycheproof.run(provider().name(), "x25519_test.json", c -> {
            byte[] privateKey = c.bytes("private");
            byte[] publicKey = c.bytes("public");
            byte[] shared = c.bytes("shared");
            if (c.hasFlag("ZeroSharedSecret")) {
                assertThat(c.result()).isEqualTo("acceptable");
                assertThat(shared).isEqualTo(new byte[32]);
                assertRejected(Kind.INVALID_KEY, () -> provider().x25519(privateKey, publicKey));
            } else {
                assertThat(c.result()).isIn("valid", "acceptable");
                assertThat(hex(provider().x25519(privateKey, publicKey))).isEqualTo(hex(shared));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> ed25519PassesWycheproof() {
        return Wycheproof.run(provider().name(), "ed25519_test.json", c -> {
            byte[] publicKey = hex(c.group().get("publicKey").get("pk"));
            assertThat(provider().ed25519Verify(publicKey, c.bytes("msg"), c.bytes("sig"))).isEqualTo(c.valid());
        });
    }

    /**
     * minitls uses AES-GCM with 128- and 256-bit keys, 12-byte nonces and 16-byte tags; the other groups do not
     * apply.
     */
    @TestFactory
    Stream<DynamicTest> aesGcmPassesWycheproof() {
        return Wycheproof.run(provider().name(), "aes_gcm_test.json",
                group -> (group.get("keySize").asInt() == 128 || group.get("keySize").asInt() == 256)
                        && group.get("ivSize").asInt() == 96 && group.get("tagSize").asInt() == 128,
                "not a 128- or 256-bit key with a 96-bit IV and a 128-bit tag, the only AES-GCM minitls uses",
                c -> checkAead(c.group().get("keySize").asInt() == 128
                        ? AeadAlgorithm.AES_128_GCM : AeadAlgorithm.AES_256_GCM, c));
    }

    /** minitls uses ChaCha20-Poly1305 with 12-byte nonces (RFC 8439, as TLS 1.3); the other groups do not apply. */
    @TestFactory
    Stream<DynamicTest> chacha20Poly1305PassesWycheproof() {
        return Wycheproof.run(provider().name(), "chacha20_poly1305_test.json",
                group -> group.get("ivSize").asInt() == 96 && group.get("tagSize").asInt() == 128,
                "not a 96-bit nonce with a 128-bit tag, the only ChaCha20-Poly1305 minitls uses",
                c -> checkAead(AeadAlgorithm.CHACHA20_POLY1305, c));
    }

    /** A valid case seals to the file's ciphertext and tag and opens back; an invalid one fails to open. */
    private void checkAead(AeadAlgorithm algorithm, Wycheproof.Case c) {
        Aead aead = provider().aead(algorithm, c.bytes("key"));
        byte[] iv = c.bytes("iv");
        byte[] aad = c.bytes("aad");
        byte[] sealed = concat(c.bytes("ct"), c.bytes("tag"));
        if (c.valid()) {
            assertThat(hex(aead.seal(iv, aad, c.bytes("msg")))).isEqualTo(hex(sealed));
            assertThat(hex(aead.open(iv, aad, sealed))).isEqualTo(hex(c.bytes("msg")));
        } else {
            assertOpenFails(aead, iv, aad, sealed);
        }
    }

    /** The invalid cases ask for more than 255 * 32 bytes, which the port refuses. */
    @TestFactory
    Stream<DynamicTest> hkdfPassesWycheproof() {
        return hkdfPassesWycheproof(HashAlgorithm.SHA256, "hkdf_sha256_test.json");
    }

    /** The invalid cases ask for more than 255 * 48 bytes, which the port refuses. */
    @TestFactory
    Stream<DynamicTest> hkdfSha384PassesWycheproof() {
        return hkdfPassesWycheproof(HashAlgorithm.SHA384, "hkdf_sha384_test.json");
    }

    private Stream<DynamicTest> hkdfPassesWycheproof(HashAlgorithm algorithm, String file) {
        return Wycheproof.run(provider().name(), file, c -> {
            byte[] prk = provider().hkdfExtract(algorithm, c.bytes("salt"), c.bytes("ikm"));
            assertThat(prk).hasSize(algorithm.length());
            int size = c.test().get("size").asInt();
            if (c.valid()) {
                assertThat(hex(provider().hkdfExpand(algorithm, prk, c.bytes("info"), size)))
                        .isEqualTo(hex(c.bytes("okm")));
            } else {
                assertThat(size).isGreaterThan(algorithm.maxHkdfLength());
                assertRejected(Kind.INVALID_ARGUMENT,
                        () -> provider().hkdfExpand(algorithm, prk, c.bytes("info"), size));
            }
        });
    }

    /** A truncated tag (tagSize below 256) is compared with the same prefix of the full MAC. */
    @TestFactory
    Stream<DynamicTest> hmacPassesWycheproof() {
        return hmacPassesWycheproof(HashAlgorithm.SHA256, "hmac_sha256_test.json");
    }

    /** A truncated tag (tagSize below 384) is compared with the same prefix of the full MAC. */
    @TestFactory
    Stream<DynamicTest> hmacSha384PassesWycheproof() {
        return hmacPassesWycheproof(HashAlgorithm.SHA384, "hmac_sha384_test.json");
    }

    private Stream<DynamicTest> hmacPassesWycheproof(HashAlgorithm algorithm, String file) {
        return Wycheproof.run(provider().name(), file, c -> {
            byte[] mac = provider().hmac(algorithm, c.bytes("key"), c.bytes("msg"));
            assertThat(mac).hasSize(algorithm.length());
            byte[] truncated = Arrays.copyOf(mac, c.group().get("tagSize").asInt() / 8);
            assertThat(MessageDigest.isEqual(truncated, c.bytes("tag"))).isEqualTo(c.valid());
        });
    }

    /** FIPS 180-2's example "abc" and the empty message (as {@code sha384sum} prints them), read along the way. */
    @Test
    void sha384MatchesFips180Examples() {
        HashContext hash = provider().hash(HashAlgorithm.SHA384);

        assertThat(hex(hash.digestSoFar())).isEqualTo("38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
                + "274edebfe76f65fbd51ad2f14898b95b");
        hash.update("a".getBytes(StandardCharsets.US_ASCII));
        hash.digestSoFar();
        hash.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(hex(hash.digestSoFar())).isEqualTo("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                + "8086072ba1e7cc2358baeca134c825a7");
    }

    // ---------------------------------------------------------------- traps where libraries differ

    @Test
    void ed25519RefusesSignaturesThatAreNotExactly64Bytes() {
        SigningKey key = provider().ed25519SigningKey(new byte[32]);
        byte[] message = "minitls".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.sign(message);

        assertThat(signature).hasSize(64);
        assertThat(provider().ed25519Verify(key.publicKey(), message, signature)).isTrue();
        // JDK 17 alone would accept the 65-byte one: a valid signature followed by a zero byte.
        for (int length : new int[] {0, 63, 65, 128}) {
            assertThat(provider().ed25519Verify(key.publicKey(), message, Arrays.copyOf(signature, length)))
                    .as("signature of %d bytes", length).isFalse();
        }
    }

    @Test
    void ed25519VerifyIsFalseForPublicKeysThatAreNotA32BytePoint() {
        SigningKey key = provider().ed25519SigningKey(new byte[32]);
        byte[] message = "minitls".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.sign(message);
        byte[] notOnTheCurve = new byte[32];
        notOnTheCurve[0] = 2; // y = 2 gives an x^2 that is not a square modulo p

        assertThat(provider().ed25519Verify(notOnTheCurve, message, signature)).isFalse();
        for (int length : new int[] {0, 31, 33}) {
            assertThat(provider().ed25519Verify(Arrays.copyOf(key.publicKey(), length), message, signature))
                    .as("public key of %d bytes", length).isFalse();
        }
    }

    /**
     * Public keys of small order (the curve's cofactor is 8), and y coordinates not below p (non-canonical
     * encodings): under such a key the signature R = identity, S = 0 would verify for every message. Bouncy Castle
     * refuses them; JDK 17 alone would accept it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "0100000000000000000000000000000000000000000000000000000000000000", // the identity, order 1
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
        "0000000000000000000000000000000000000000000000000000000000000000", // order 4
        "0000000000000000000000000000000000000000000000000000000000000080", // order 4
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1: the identity again
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"  // y = p: 0 again, order 4
    })
    void ed25519VerifiesNothingUnderASmallOrderOrNonCanonicalPublicKey(String publicKeyHex) {
        byte[] identityAndZero = new byte[64];
        identityAndZero[0] = 1;

        for (String message : List.of("minitls", "any message at all")) {
            assertThat(provider().ed25519Verify(HexFormat.of().parseHex(publicKeyHex),
                    message.getBytes(StandardCharsets.US_ASCII), identityAndZero)).as(message).isFalse();
        }
    }

    /** Python's {@code cryptography} wrote this key (seed-v1-golden.json): PKCS#8 version 1, 48 bytes. */
    private static final byte[] GOLDEN_SERVER_KEY_PKCS8 = java.util.Base64.getDecoder()
            .decode("MC4CAQAwBQYDK2VwBCIEIIbzhgWPQDe2SLHRkK7WWF6LlfmCXOzqWWpHm6pmVM8s");

    @Test
    void signingKeyReadsAnEd25519Pkcs8KeyInVersion1AndInVersion2WithItsPublicKey() {
        byte[] seed = Arrays.copyOfRange(GOLDEN_SERVER_KEY_PKCS8, 16, 48);
        SigningKey fromSeed = provider().ed25519SigningKey(seed);
        SigningKey v1 = provider().signingKey(GOLDEN_SERVER_KEY_PKCS8);
        byte[] message = "minitls".getBytes(StandardCharsets.US_ASCII);
        // what Bouncy Castle's PrivateKeyInfoFactory writes: OneAsymmetricKey (RFC 5958) with the public key
        byte[] v2 = concat(concat(hex("3051020101300506032b657004220420"), seed),
                concat(hex("812100"), fromSeed.publicKey()));

        assertThat(v1.publicKey()).isEqualTo(fromSeed.publicKey());
        assertThat(v1.sign(message)).isEqualTo(fromSeed.sign(message));
        assertThat(provider().signingKey(v2).publicKey()).isEqualTo(fromSeed.publicKey());
    }

    @Test
    void signingKeyRefusesAVersion2KeyWhosePublicKeyIsAnotherKeys() {
        byte[] seed = Arrays.copyOfRange(GOLDEN_SERVER_KEY_PKCS8, 16, 48);
        byte[] otherPublicKey = provider().ed25519SigningKey(new byte[32]).publicKey();
        byte[] v2 = concat(concat(hex("3051020101300506032b657004220420"), seed),
                concat(hex("812100"), otherPublicKey));

        assertRejected(Kind.MALFORMED, () -> provider().signingKey(v2));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RSA", "EC", "Ed448", "X25519"})
    void signingKeyRefusesPrivateKeysOfOtherAlgorithms(String algorithm) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("RSA")) {
            generator.initialize(1024); // size does not matter here; small keeps the test fast
        }
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();

        assertRejected(Kind.MALFORMED, () -> provider().signingKey(pkcs8));
    }

    /** Nothing else is read as a key: not PKCS#8, cut short, followed by a byte, BER, a 31-byte seed. */
    @Test
    void signingKeyRefusesAnythingButOneOfTheTwoEncodings() {
        byte[] key = GOLDEN_SERVER_KEY_PKCS8;
        byte[] longFormLength = concat(hex("30812e"), Arrays.copyOfRange(key, 2, key.length));
        byte[] shortSeed = concat(hex("302d020100300506032b657004210420"), Arrays.copyOfRange(key, 17, 48));

        for (byte[] notAKey : List.of(NO_BYTES, hex("3000"), Arrays.copyOf(key, 47), concat(key, new byte[1]),
                longFormLength, shortSeed, Arrays.copyOfRange(key, 16, 48))) {
            assertRejected(Kind.MALFORMED, () -> provider().signingKey(notAKey));
        }
    }

    @Test
    void ed25519RefusesPrivateKeysThatAreNot32Bytes() {
        assertRejected(Kind.INVALID_KEY, () -> provider().ed25519SigningKey(new byte[31]));
        assertRejected(Kind.INVALID_KEY, () -> provider().ed25519SigningKey(new byte[64]));
    }

    /** u = 0 and u = 1 (and p + 1, which is 1 again) are low-order points: the result would be all zero. */
    @Test
    void x25519RefusesAnAllZeroSharedSecretWithInvalidKey() {
        byte[] privateKey = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] one = new byte[32];
        one[0] = 1;
        byte[] pPlusOne = hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

        assertRejected(Kind.INVALID_KEY, () -> provider().x25519(privateKey, new byte[32]));
        assertRejected(Kind.INVALID_KEY, () -> provider().x25519(privateKey, one));
        assertRejected(Kind.INVALID_KEY, () -> provider().x25519(privateKey, pPlusOne));
    }

    @Test
    void x25519RefusesKeysThatAreNot32Bytes() {
        byte[] key = provider().x25519PublicKey(new byte[32]);

        assertRejected(Kind.INVALID_KEY, () -> provider().x25519(new byte[31], key));
        assertRejected(Kind.INVALID_KEY, () -> provider().x25519(new byte[32], Arrays.copyOf(key, 33)));
        assertRejected(Kind.INVALID_KEY, () -> provider().x25519(new byte[32], NO_BYTES));
        assertRejected(Kind.INVALID_KEY, () -> provider().x25519PublicKey(new byte[33]));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AeadAlgorithm.class)
    void aeadReleasesNoPlaintextWhenTheTagOrAnythingItCoversIsWrong(AeadAlgorithm algorithm) {
        byte[] key = new byte[algorithm.keyLength()];
        Aead aead = provider().aead(algorithm, key);
        byte[] nonce = new byte[12];
        byte[] aad = "header".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = aead.seal(nonce, aad, "secret plaintext".getBytes(StandardCharsets.US_ASCII));

        assertOpenFails(aead, nonce, aad, flipLastBit(sealed));
        byte[] badCiphertext = sealed.clone();
        badCiphertext[0] ^= 1;
        assertOpenFails(aead, nonce, aad, badCiphertext);
        assertOpenFails(aead, nonce, "Header".getBytes(StandardCharsets.US_ASCII), sealed);
        assertOpenFails(aead, flipLastBit(nonce), aad, sealed);
        assertOpenFails(provider().aead(algorithm, flipLastBit(key)), nonce, aad, sealed);
    }

    /** The same key, nonce and plaintext under each AEAD: different ciphertexts, none opening under another. */
    @Test
    void eachAeadIsItsOwnAlgorithm() {
        byte[] key = new byte[32];
        byte[] plaintext = "the same plaintext".getBytes(StandardCharsets.US_ASCII);
        byte[] aes256 = provider().aead(AeadAlgorithm.AES_256_GCM, key).seal(nonce(0), NO_BYTES, plaintext);
        byte[] chacha = provider().aead(AeadAlgorithm.CHACHA20_POLY1305, key).seal(nonce(0), NO_BYTES, plaintext);
        byte[] aes128 = provider().aead(AeadAlgorithm.AES_128_GCM, new byte[16]).seal(nonce(0), NO_BYTES, plaintext);

        assertThat(List.of(hex(aes256), hex(chacha), hex(aes128))).doesNotHaveDuplicates();
        assertOpenFails(provider().aead(AeadAlgorithm.CHACHA20_POLY1305, key), nonce(0), NO_BYTES, aes256);
        assertOpenFails(provider().aead(AeadAlgorithm.AES_256_GCM, key), nonce(0), NO_BYTES, chacha);
    }

    /**
     * An AEAD keeps its own copy of the key (the caller wipes its array at once) until it is destroyed; after that
     * every seal and open is refused, never run under a zeroed key.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(AeadAlgorithm.class)
    void aeadKeepsItsOwnKeyAndRefusesEveryUseOnceDestroyed(AeadAlgorithm algorithm) {
        byte[] key = new byte[algorithm.keyLength()];
        Arrays.fill(key, (byte) 0x5a);
        byte[] callersArray = key.clone();
        Aead aead = provider().aead(algorithm, callersArray);
        Arrays.fill(callersArray, (byte) 0);
        byte[] plaintext = "wiped after".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = aead.seal(nonce(0), NO_BYTES, plaintext);
        assertThat(provider().aead(algorithm, key).open(nonce(0), NO_BYTES, sealed)).isEqualTo(plaintext);

        aead.destroy();
        aead.destroy();

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> aead.seal(nonce(1), NO_BYTES, plaintext));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> aead.open(nonce(0), NO_BYTES, sealed));
    }

    /**
     * A repeated nonce under one key is a hard failure, in whatever order it comes back, never a cipher quietly
     * replaced; opening under a nonce again, and sealing with it under another key, stay allowed.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(AeadAlgorithm.class)
    void aeadRefusesToSealTwiceUnderOneKeyWithTheSameNonce(AeadAlgorithm algorithm) {
        byte[] key = new byte[algorithm.keyLength()];
        Aead aead = provider().aead(algorithm, key);
        byte[] plaintext = "once only".getBytes(StandardCharsets.US_ASCII);
        byte[] first = aead.seal(nonce(0), NO_BYTES, plaintext);

        assertRejected(Kind.NONCE_REUSED, () -> aead.seal(nonce(0), NO_BYTES, plaintext));
        assertRejected(Kind.NONCE_REUSED, () -> aead.seal(nonce(0), "other".getBytes(StandardCharsets.US_ASCII),
                NO_BYTES));
        aead.seal(nonce(7), NO_BYTES, plaintext);
        aead.seal(nonce(1), NO_BYTES, plaintext);
        assertRejected(Kind.NONCE_REUSED, () -> aead.seal(nonce(7), NO_BYTES, plaintext));
        assertRejected(Kind.NONCE_REUSED, () -> aead.seal(nonce(0), NO_BYTES, plaintext));
        aead.seal(nonce(6), NO_BYTES, plaintext);

        assertThat(aead.open(nonce(0), NO_BYTES, first)).isEqualTo(plaintext);
        assertThat(aead.open(nonce(0), NO_BYTES, first)).isEqualTo(plaintext);
        assertThat(provider().aead(algorithm, flipLastBit(key)).seal(nonce(0), NO_BYTES, plaintext))
                .isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AeadAlgorithm.class)
    void aeadTreatsInputShorterThanATagAsAnAuthenticationFailure(AeadAlgorithm algorithm) {
        Aead aead = provider().aead(algorithm, new byte[algorithm.keyLength()]);

        assertOpenFails(aead, new byte[12], NO_BYTES, new byte[15]);
        assertOpenFails(aead, new byte[12], NO_BYTES, NO_BYTES);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AeadAlgorithm.class)
    void aeadRefusesKeysAndNoncesOfOtherLengths(AeadAlgorithm algorithm) {
        for (int length : new int[] {0, 16, 24, 32, 33}) {
            if (length != algorithm.keyLength()) {
                assertRejected(Kind.INVALID_KEY, () -> provider().aead(algorithm, new byte[length]));
            }
        }
        Aead aead = provider().aead(algorithm, new byte[algorithm.keyLength()]);
        byte[] sealed = aead.seal(new byte[12], NO_BYTES, NO_BYTES);

        assertRejected(Kind.INVALID_ARGUMENT, () -> aead.seal(new byte[11], NO_BYTES, NO_BYTES));
        assertRejected(Kind.INVALID_ARGUMENT, () -> aead.seal(new byte[16], NO_BYTES, NO_BYTES));
        assertRejected(Kind.INVALID_ARGUMENT, () -> aead.open(new byte[13], NO_BYTES, sealed));
    }

    @Test
    void aesGcmSealsAnEmptyPlaintextToATagThatOpens() {
        Aead aead = provider().aead(AeadAlgorithm.AES_256_GCM, new byte[32]);
        byte[] sealed = aead.seal(new byte[12], NO_BYTES, NO_BYTES);

        // NIST GCM test case 13: AES-256, zero key and IV, nothing to encrypt.
        assertThat(hex(sealed)).isEqualTo("530f8afbc74536b9a963b4f1c4cb738b");
        assertThat(aead.open(new byte[12], NO_BYTES, sealed)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HashAlgorithm.class)
    void hkdfExpandRefusesLengthsOutsideZeroTo255TimesTheHashLength(HashAlgorithm algorithm) {
        byte[] prk = provider().hkdfExtract(algorithm, NO_BYTES, new byte[algorithm.length()]);
        int max = 255 * algorithm.length();

        assertRejected(Kind.INVALID_ARGUMENT, () -> provider().hkdfExpand(algorithm, prk, NO_BYTES, 20_000));
        assertRejected(Kind.INVALID_ARGUMENT, () -> provider().hkdfExpand(algorithm, prk, NO_BYTES, max + 1));
        assertRejected(Kind.INVALID_ARGUMENT, () -> provider().hkdfExpand(algorithm, prk, NO_BYTES, -1));
        assertThat(provider().hkdfExpand(algorithm, prk, NO_BYTES, 0)).isEmpty();
        assertThat(provider().hkdfExpand(algorithm, prk, NO_BYTES, max)).hasSize(max);
    }

    /** Some libraries refuse an empty key; HMAC pads it with zeros like any short key (RFC 2104). */
    @Test
    void hmacAcceptsAnEmptyKey() {
        byte[] mac = provider().hmac(HashAlgorithm.SHA256, NO_BYTES, "minitls".getBytes(StandardCharsets.US_ASCII));

        // Python: hmac.new(b"", b"minitls", hashlib.sha256).hexdigest()
        assertThat(hex(mac)).isEqualTo("d485387465adcdd03c66c35c23e6d85c3ef5267b165600c201fb6f6607be5138");
    }

    // ---------------------------------------------------------------- the golden v1 handshake

    /** The transcript hash is read after every message, and goes on afterwards. */
    @Test
    void sha256ReproducesTheGoldenTranscriptHashes() {
        JsonNode golden = VectorFiles.read(GOLDEN);
        JsonNode expected = golden.get("transcript_sha256_after_each_handshake_message");
        HashContext transcript = provider().hash(HashAlgorithm.SHA256);

        assertThat(hex(transcript.digestSoFar()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int i = 0; i < expected.size(); i++) {
            transcript.update(line(golden, i));
            assertThat(hex(transcript.digestSoFar())).as("after message %d", i + 1).isEqualTo(expected.get(i).asText());
            assertThat(hex(transcript.digestSoFar())).as("read twice").isEqualTo(expected.get(i).asText());
        }
    }

    /** protocol-v1.md, "Keys": every derivation of the original program. */
    @Test
    void reproducesTheGoldenKeySchedule() {
        JsonNode golden = VectorFiles.read(GOLDEN);
        JsonNode derived = golden.get("derived");
        byte[] clientPrivate = hex(golden.get("client_ephemeral_private_key"));
        byte[] serverPrivate = hex(golden.get("server_ephemeral_private_key"));
        byte[] clientPublic = hex(Vectors.parse(line(golden, 0)).get("EphPubKey"));
        byte[] serverPublic = hex(Vectors.parse(line(golden, 1)).get("EphPubKey"));

        assertThat(provider().x25519PublicKey(clientPrivate)).isEqualTo(clientPublic);
        assertThat(provider().x25519PublicKey(serverPrivate)).isEqualTo(serverPublic);
        byte[] shared = provider().x25519(clientPrivate, serverPublic);
        assertThat(hex(shared)).isEqualTo(derived.get("shared_secret").asText());
        assertThat(provider().x25519(serverPrivate, clientPublic)).isEqualTo(shared);

        byte[] derivedKey = hkdf(shared, "Handshake Data", 32);
        assertThat(hex(derivedKey)).isEqualTo(derived.get("derived_key").asText());
        assertThat(hex(hkdf(derivedKey, "server finished", 32))).isEqualTo(derived.get("finished_key_server").asText());
        assertThat(hex(hkdf(derivedKey, "client finished", 32))).isEqualTo(derived.get("finished_key_client").asText());
        assertThat(hex(hkdf(derivedKey, "client app key", 32))).isEqualTo(derived.get("client_app_key").asText());
        assertThat(hex(hkdf(derivedKey, "client app iv", 12))).isEqualTo(derived.get("client_app_iv").asText());
        assertThat(hex(hkdf(derivedKey, "server app key", 32))).isEqualTo(derived.get("server_app_key").asText());
        assertThat(hex(hkdf(derivedKey, "server app iv", 12))).isEqualTo(derived.get("server_app_iv").asText());
    }

    /** CertificateVerify and both Finished MACs, over the transcript as the original program hashed it. */
    @Test
    void verifiesAndReproducesTheGoldenHandshakeProofs() {
        JsonNode golden = VectorFiles.read(GOLDEN);
        JsonNode derived = golden.get("derived");
        Certificate server = provider().parseCertificate(VectorFiles.utf8(golden.get("server_certificate_pem")));
        SigningKey serverKey = provider().signingKey(
                Pem.decode("PRIVATE KEY", VectorFiles.utf8(golden.get("server_private_key_pem"))));
        byte[] certificateVerify = hex(Vectors.parse(line(golden, 3)));

        assertThat(serverKey.publicKey()).isEqualTo(server.publicKey());
        assertThat(hex(serverKey.sign(transcriptThrough(golden, 3)))).isEqualTo(hex(certificateVerify));
        assertThat(provider().ed25519Verify(server.publicKey(), transcriptThrough(golden, 3), certificateVerify))
                .isTrue();
        assertThat(provider().ed25519Verify(server.publicKey(), transcriptThrough(golden, 4), certificateVerify))
                .isFalse();
        assertThat(hex(provider().hmac(HashAlgorithm.SHA256, hex(derived.get("finished_key_server")),
                transcriptThrough(golden, 4))))
                .isEqualTo(Vectors.parse(line(golden, 4)).asText());
        assertThat(hex(provider().hmac(HashAlgorithm.SHA256, hex(derived.get("finished_key_client")),
                transcriptThrough(golden, 5))))
                .isEqualTo(Vectors.parse(line(golden, 5)).asText());
    }

    /** protocol-v1.md, "Application records": nonce = IV XOR Seq (0 here), no associated data. */
    @Test
    void opensAndReproducesTheGoldenApplicationRecord() {
        JsonNode golden = VectorFiles.read(GOLDEN);
        JsonNode record = Vectors.parse(line(golden, 6));
        assertThat(record.get("Seq").asInt()).isZero();
        Aead aead = provider().aead(AeadAlgorithm.AES_256_GCM, hex(golden.get("derived").get("client_app_key")));
        byte[] nonce = hex(golden.get("derived").get("client_app_iv"));
        byte[] plaintext = golden.get("application_plaintext").asText().getBytes(StandardCharsets.UTF_8);

        assertThat(aead.open(nonce, NO_BYTES, hex(record.get("Ciphertext")))).isEqualTo(plaintext);
        assertThat(hex(aead.seal(nonce, NO_BYTES, plaintext))).isEqualTo(record.get("Ciphertext").asText());
    }

    // ---------------------------------------------------------------- certificates

    /** Every field, byte for byte: the providers agree because each one matches the certificate's own bytes. */
    @Test
    void parsesTheGoldenCertificatesFieldByField() {
        JsonNode golden = VectorFiles.read(GOLDEN);
        byte[] rootPem = VectorFiles.utf8(golden.get("root_ca_certificate_pem"));
        byte[] serverPem = VectorFiles.utf8(golden.get("server_certificate_pem"));
        String rootName = "CN=example.com,L=Bangkok,ST=Bangkok,C=TH";
        Instant notBefore = Instant.parse("1970-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2030-12-31T00:00:00Z");

        Certificate root = provider().parseCertificate(rootPem);
        Certificate server = provider().parseCertificate(serverPem);

        assertSameFields(root, expected(rootPem, "Ed25519", 3, "431df1dde23de410de41a009d429a65332df49c1",
                rootName, rootName, Optional.of("example.com"), List.of(), notBefore, notAfter, "Ed25519",
                Optional.empty(), List.of()));
        assertSameFields(server, expected(serverPem, "Ed25519", 3, "79de17aadbe30e1b43fd4d1471a3bc3fd6f16b2e",
                "L=Nevada,CN=example-server,ST=California,C=US", rootName, Optional.of("example-server"), List.of(),
                notBefore, notAfter, "Ed25519", Optional.empty(), List.of()));
        // as `openssl x509 -pubkey` prints them
        assertThat(hex(root.publicKey()))
                .isEqualTo("f716ef8a0abf0ea25bdcfe739bf41df30da617dbdb190afc4ebc6cae6942bad9");
        assertThat(hex(server.publicKey()))
                .isEqualTo("ec90419e98e300c543ce811be6dabae083eb77eee98cf52eb00f78ca58a7d247");
    }

    @Test
    void theGoldenRootKeyVerifiesBothGoldenCertificates() {
        JsonNode golden = VectorFiles.read(GOLDEN);
        Certificate root = provider().parseCertificate(VectorFiles.utf8(golden.get("root_ca_certificate_pem")));
        Certificate server = provider().parseCertificate(VectorFiles.utf8(golden.get("server_certificate_pem")));

        assertThat(provider().ed25519Verify(root.publicKey(), root.tbsCertificate(), root.signature())).isTrue();
        assertThat(provider().ed25519Verify(root.publicKey(), server.tbsCertificate(), server.signature())).isTrue();
        assertThat(provider().ed25519Verify(server.publicKey(), server.tbsCertificate(), server.signature())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureCertificates")
    void parsesCertificatesWithExtensionsAndOtherKeysFieldByField(String fixture, Certificate expected) {
        assertSameFields(provider().parseCertificate(Vectors.fixture(fixture)), expected);
    }

    /** The extensions' values are those {@code openssl asn1parse} shows in each extension's OCTET STRING. */
    static Stream<Arguments> fixtureCertificates() {
        String ca = "CN=minitls test CA,O=minitls";
        Instant notBefore = Instant.parse("2026-11-25T20:26:49Z");
        Instant notAfter = Instant.parse("2036-11-22T20:26:49Z");
        return Stream.of(
                fixture("ca-ed25519.pem", "Ed25519", 3, "1001", ca, ca, Optional.of("minitls test CA"), List.of(),
                        notBefore, notAfter, "Ed25519", Optional.of(true), List.of(
                                extension("2.5.29.19", true, "30060101ff020100"),
                                extension("2.5.29.14", false, "0414a6edbea75cd9e4385b85378e0f1db2ed729fc5e0"))),
                fixture("leaf-san-ed25519.pem", "Ed25519", 3, "1002", "OU=tests,O=minitls", ca, Optional.empty(),
                        List.of("one.example", "two.example"), notBefore, notAfter, "Ed25519", Optional.of(false),
                        List.of(extension("2.5.29.19", false, "3000"),
                                extension("2.5.29.17", false, "3031820b6f6e652e6578616d706c6587047f000001810f6f7073"
                                        + "406f6e652e6578616d706c65820b74776f2e6578616d706c65"),
                                extension("2.5.29.14", false, "0414ccdac148d9d9b2687198bbde72895b4ba5bcb8d0"),
                                extension("2.5.29.35", false, "30168014a6edbea75cd9e4385b85378e0f1db2ed729fc5e0"))),
                fixture("rsa.pem", "SHA256withRSA", 1, "1003", "CN=rsa.example", "CN=rsa.example",
                        Optional.of("rsa.example"), List.of(), notBefore, notAfter, "RSA", Optional.empty(),
                        List.of()),
                fixture("ec.pem", "SHA256withECDSA", 1, "1004", "CN=ec.example", "CN=ec.example",
                        Optional.of("ec.example"), List.of(), notBefore, notAfter, "EC", Optional.empty(), List.of()),
                fixture("ed448.pem", "Ed448", 1, "1005", "CN=ed448.example", "CN=ed448.example",
                        Optional.of("ed448.example"), List.of(), notBefore, notAfter, "Ed448", Optional.empty(),
                        List.of()));
    }

    private static Certificate.Extension extension(String oid, boolean critical, String valueHex) {
        return new Certificate.Extension(oid, critical, hex(valueHex));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCertificates")
    void refusesMalformedCertificatesWithMalformed(String what, byte[] pem) {
        assertRejected(Kind.MALFORMED, () -> provider().parseCertificate(pem));
    }

    static Stream<Arguments> malformedCertificates() {
        byte[] caPem = Vectors.fixture("ca-ed25519.pem");
        byte[] der = derOf(caPem);
        byte[] withNames = derOf(Vectors.fixture("leaf-san-ed25519.pem"));
        byte[] text = "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("nothing", NO_BYTES),
                Arguments.of("text that is not PEM", "hello".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("DER without PEM armour", der),
                Arguments.of("a body that is not Base64", text),
                Arguments.of("a truncated certificate", pemOf(Arrays.copyOf(der, der.length - 10))),
                Arguments.of("bytes after the certificate", pemOf(concat(der, new byte[] {0}))),
                Arguments.of("two certificates", concat(caPem, Vectors.fixture("rsa.pem"))),
                Arguments.of("text after the END line", concat(caPem, "junk\n".getBytes(StandardCharsets.US_ASCII))),
                Arguments.of("a public key, not a certificate",
                        pemOf(Der.CertificateParts.of(der).subjectPublicKeyInfo())),
                Arguments.of("a subject CN that is not a string", pemOf(Certificates.withCommonNameAsOctetString(der))),
                Arguments.of("BER: a length in more bytes than needed", pemOf(Certificates.withLongFormOuterLength(der))),
                Arguments.of("BER: an indefinite length", pemOf(Certificates.withIndefiniteOuterLength(der))),
                Arguments.of("BER: an inner length in more bytes than needed",
                        pemOf(Certificates.withLongFormInnerLength(der))),
                Arguments.of("BER: a BOOLEAN TRUE written 01", pemOf(Certificates.withBooleanTrueAsOne(der))),
                Arguments.of("an Ed25519 key of no bytes", pemOf(Certificates.withEmptyPublicKey(der))),
                Arguments.of("an Ed25519 key's algorithm with parameters",
                        pemOf(Certificates.withPublicKeyAlgorithmParameters(der))),
                Arguments.of("an Ed25519 signature algorithm with parameters",
                        pemOf(Certificates.withSignatureAlgorithmParameters(der))),
                // a non-critical subjectAltName that cannot be read is refused, not taken as a certificate without names
                Arguments.of("a subjectAltName that is NULL, not GeneralNames",
                        pemOf(Certificates.withSubjectAltNameValue(withNames, hex("0500")))),
                Arguments.of("a subjectAltName holding an INTEGER, not a GeneralName",
                        pemOf(Certificates.withSubjectAltNameValue(withNames, hex("3003020100")))));
    }

    // ---------------------------------------------------------------- helpers

    private static Stream<JsonNode> each(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static void assertRejected(Kind kind, ThrowingCallable call) {
        assertThatExceptionOfType(CryptoException.class).isThrownBy(call).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        });
    }

    /** Fails with AUTHENTICATION_FAILED and writes nothing into the caller's arrays (no in-place decryption). */
    private static void assertOpenFails(Aead aead, byte[] nonce, byte[] aad, byte[] sealed) {
        byte[] nonceBefore = nonce.clone();
        byte[] aadBefore = aad.clone();
        byte[] sealedBefore = sealed.clone();

        assertRejected(Kind.AUTHENTICATION_FAILED, () -> aead.open(nonce, aad, sealed));
        assertThat(nonce).isEqualTo(nonceBefore);
        assertThat(aad).isEqualTo(aadBefore);
        assertThat(sealed).isEqualTo(sealedBefore);
    }

    private byte[] hkdf(byte[] ikm, String info, int length) {
        byte[] prk = provider().hkdfExtract(HashAlgorithm.SHA256, NO_BYTES, ikm);
        return provider().hkdfExpand(HashAlgorithm.SHA256, prk, info.getBytes(StandardCharsets.US_ASCII), length);
    }

    private byte[] transcriptThrough(JsonNode golden, int messages) {
        HashContext transcript = provider().hash(HashAlgorithm.SHA256);
        for (int i = 0; i < messages; i++) {
            transcript.update(line(golden, i));
        }
        return transcript.digestSoFar();
    }

    private static byte[] line(JsonNode golden, int index) {
        return golden.get("messages").get(index).get("line").asText().getBytes(StandardCharsets.UTF_8);
    }

    private static Arguments fixture(String file, String signatureAlgorithm, int version, String serialHex,
            String subjectText, String issuerText, Optional<String> commonName, List<String> dnsNames,
            Instant notBefore, Instant notAfter, String keyAlgorithm, Optional<Boolean> basicConstraintsCa,
            List<Certificate.Extension> extensions) {
        return Arguments.of(file, expected(Vectors.fixture(file), signatureAlgorithm, version, serialHex, subjectText,
                issuerText, commonName, dnsNames, notBefore, notAfter, keyAlgorithm, basicConstraintsCa, extensions));
    }

    /** A 12-byte nonce whose last byte is {@code last}, the others 0x5a (so that the first nonce is not all zero). */
    private static byte[] nonce(int last) {
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 0x5a);
        nonce[11] = (byte) last;
        return nonce;
    }

    private static byte[] flipLastBit(byte[] bytes) {
        byte[] flipped = bytes.clone();
        flipped[flipped.length - 1] ^= 1;
        return flipped;
    }
}
