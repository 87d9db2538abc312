package dev.minitls.crypto.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minitls.crypto.VectorFiles;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.AeadAlgorithm;
import dev.minitls.domain.port.CryptoException.Kind;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.HashAlgorithm;
import dev.minitls.domain.port.HashContext;
import dev.minitls.domain.port.KeyExchangeGroup;
import dev.minitls.domain.port.SignatureAlgorithm;
import dev.minitls.domain.port.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
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
import static dev.minitls.crypto.contract.Vectors.concat;
import static dev.minitls.crypto.contract.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What every {@link CryptoProvider} must do, checked the same way for each: the RFC test vectors, the twelve
 * Wycheproof files, the traps where libraries differ (signature lengths, all-zero X25519 results, GCM tags, their own
 * exception types), the golden v1 handshake recorded from the original program, and certificate parsing.
 *
 * <p>A provider's test extends this class and only says how to make the provider.
 */
public abstract class CryptoProviderContract {

    /** Bytes before and after a range sealed or opened in place, which must stay as they are. */
    private static final byte[] ARRAY_AROUND = {(byte) 0xA5, 0x5A, (byte) 0xC3};
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

    /**
     * A valid case seals to the file's ciphertext and tag and opens back, in arrays of their own and in place in a
     * larger array (whose other bytes stay as they were); an invalid one fails to open either way.
     */
    private void checkAead(AeadAlgorithm algorithm, Wycheproof.Case c) {
        Aead aead = provider().aead(algorithm, c.bytes("key"));
        byte[] iv = c.bytes("iv");
        byte[] aad = c.bytes("aad");
        byte[] sealed = concat(c.bytes("ct"), c.bytes("tag"));
        if (c.valid()) {
            byte[] msg = c.bytes("msg");
            assertThat(hex(aead.seal(iv, aad, msg))).isEqualTo(hex(sealed));
            assertThat(hex(aead.open(iv, aad, sealed))).isEqualTo(hex(msg));

            byte[] buffer = concat(concat(ARRAY_AROUND, msg), concat(new byte[Aead.TAG_LENGTH], ARRAY_AROUND));
            provider().aead(algorithm, c.bytes("key")).sealInPlace(iv, aad, buffer, ARRAY_AROUND.length, msg.length);
            assertThat(hex(buffer)).isEqualTo(hex(concat(concat(ARRAY_AROUND, sealed), ARRAY_AROUND)));
            assertThat(aead.openInPlace(iv, aad, buffer, ARRAY_AROUND.length, sealed.length)).isEqualTo(msg.length);
            assertThat(hex(Arrays.copyOfRange(buffer, ARRAY_AROUND.length, ARRAY_AROUND.length + msg.length)))
                    .isEqualTo(hex(msg));
            assertThat(hex(Arrays.copyOfRange(buffer, 0, ARRAY_AROUND.length))).isEqualTo(hex(ARRAY_AROUND));
            assertThat(hex(Arrays.copyOfRange(buffer, buffer.length - ARRAY_AROUND.length, buffer.length)))
                    .isEqualTo(hex(ARRAY_AROUND));
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
    @ValueSource(strings = {"Ed448", "X25519", "secp384r1"})
    void signingKeyRefusesPrivateKeysOfOtherAlgorithms(String algorithm) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance(
                algorithm.startsWith("secp") ? "EC" : algorithm);
        if (algorithm.startsWith("secp")) {
            generator.initialize(new java.security.spec.ECGenParameterSpec(algorithm));
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
        byte[] buffer = Arrays.copyOf(plaintext, plaintext.length + Aead.TAG_LENGTH);
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> aead.sealInPlace(nonce(2), NO_BYTES, buffer, 0, plaintext.length));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> aead.openInPlace(nonce(0), NO_BYTES, sealed.clone(), 0, sealed.length));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AeadAlgorithm.class)
    void aeadInPlaceRefusesARangeOutsideItsArrayAndChangesNothing(AeadAlgorithm algorithm) {
        Aead aead = provider().aead(algorithm, new byte[algorithm.keyLength()]);
        byte[] buffer = new byte[40];
        Arrays.fill(buffer, (byte) 7);

        assertThatExceptionOfType(IndexOutOfBoundsException.class).as("no room for the tag")
                .isThrownBy(() -> aead.sealInPlace(nonce(0), NO_BYTES, buffer, 0, 25));
        assertThatExceptionOfType(IndexOutOfBoundsException.class)
                .isThrownBy(() -> aead.sealInPlace(nonce(1), NO_BYTES, buffer, -1, 4));
        assertThatExceptionOfType(IndexOutOfBoundsException.class)
                .isThrownBy(() -> aead.openInPlace(nonce(0), NO_BYTES, buffer, 30, 20));
        assertThat(buffer).containsOnly(7);
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
        byte[] inPlace = Arrays.copyOf(plaintext, plaintext.length + Aead.TAG_LENGTH);
        assertRejected(Kind.NONCE_REUSED, () -> aead.sealInPlace(nonce(6), NO_BYTES, inPlace, 0, plaintext.length));
        assertThat(inPlace).as("a refused seal in place changed nothing")
                .isEqualTo(Arrays.copyOf(plaintext, inPlace.length));
        aead.sealInPlace(nonce(5), NO_BYTES, inPlace, 0, plaintext.length);
        assertRejected(Kind.NONCE_REUSED, () -> aead.seal(nonce(5), NO_BYTES, plaintext));

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
        Certificate server = provider().parseCertificate(derOf(VectorFiles.utf8(golden.get("server_certificate_pem"))));
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

        Certificate root = provider().parseCertificate(derOf(rootPem));
        Certificate server = provider().parseCertificate(derOf(serverPem));

        assertSameFields(root, expected(rootPem, "Ed25519", 3, "431df1dde23de410de41a009d429a65332df49c1",
                rootName, rootName, Optional.of("example.com"), List.of(), notBefore, notAfter, "Ed25519", 256,
                Optional.empty(), Optional.empty(), List.of()));
        assertSameFields(server, expected(serverPem, "Ed25519", 3, "79de17aadbe30e1b43fd4d1471a3bc3fd6f16b2e",
                "L=Nevada,CN=example-server,ST=California,C=US", rootName, Optional.of("example-server"), List.of(),
                notBefore, notAfter, "Ed25519", 256, Optional.empty(), Optional.empty(), List.of()));
        // as `openssl x509 -pubkey` prints them
        assertThat(hex(root.publicKey()))
                .isEqualTo("f716ef8a0abf0ea25bdcfe739bf41df30da617dbdb190afc4ebc6cae6942bad9");
        assertThat(hex(server.publicKey()))
                .isEqualTo("ec90419e98e300c543ce811be6dabae083eb77eee98cf52eb00f78ca58a7d247");
    }

    @Test
    void theGoldenRootKeyVerifiesBothGoldenCertificates() {
        JsonNode golden = VectorFiles.read(GOLDEN);
        Certificate root = provider().parseCertificate(derOf(VectorFiles.utf8(golden.get("root_ca_certificate_pem"))));
        Certificate server = provider().parseCertificate(derOf(VectorFiles.utf8(golden.get("server_certificate_pem"))));

        assertThat(provider().ed25519Verify(root.publicKey(), root.tbsCertificate(), root.signature())).isTrue();
        assertThat(provider().ed25519Verify(root.publicKey(), server.tbsCertificate(), server.signature())).isTrue();
        assertThat(provider().ed25519Verify(server.publicKey(), server.tbsCertificate(), server.signature())).isFalse();
    }

    /**
     * A provider may remember a certificate signature that verified (the JDK's and the combined provider do): the
     * answers are the same every time, and a certificate that differs from a verified one in its signature only is
     * still refused.
     */
    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("certificateSignatures")
    void verifyCertificateAnswersAsVerifyDoesEveryTime(String fixture, String issuerFixture,
            SignatureAlgorithm algorithm, byte[] otherKey) {
        CryptoProvider crypto = provider();
        byte[] der = derOf(Vectors.fixture(fixture));
        Certificate certificate = crypto.parseCertificate(der);
        byte[] issuerKey = crypto.parseCertificate(derOf(Vectors.fixture(issuerFixture))).publicKey();
        byte[] forgedDer = der.clone();
        forgedDer[forgedDer.length - 1] ^= 1; // the signature's last byte
        Certificate forged = crypto.parseCertificate(forgedDer);

        for (int round = 0; round < 2; round++) {
            assertThat(crypto.verifyCertificate(algorithm, issuerKey, certificate)).isTrue();
            assertThat(crypto.verify(algorithm, issuerKey, certificate.tbsCertificate(), certificate.signature()))
                    .isTrue();
            assertThat(crypto.verifyCertificate(algorithm, issuerKey, forged)).isFalse();
            assertThat(crypto.verifyCertificate(algorithm, otherKey, certificate)).isFalse();
        }
    }

    /** Each with another key of the issuer's type, which did not sign it. */
    static Stream<Arguments> certificateSignatures() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return Stream.of(
                Arguments.of("leaf-san-ed25519.pem", "ca-ed25519.pem", SignatureAlgorithm.ED25519,
                        rawEd25519(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic())),
                Arguments.of("ec.pem", "ec.pem", SignatureAlgorithm.ECDSA_SECP256R1_SHA256,
                        ec.generateKeyPair().getPublic().getEncoded()),
                Arguments.of("rsa.pem", "rsa.pem", SignatureAlgorithm.RSA_PKCS1_SHA256,
                        rsa.generateKeyPair().getPublic().getEncoded()));
    }

    /** The 32 bytes of an Ed25519 key, the end of its SubjectPublicKeyInfo. */
    private static byte[] rawEd25519(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureCertificates")
    void parsesCertificatesWithExtensionsAndOtherKeysFieldByField(String fixture, Certificate expected) {
        assertSameFields(provider().parseCertificate(derOf(Vectors.fixture(fixture))), expected);
    }

    /** The extensions' values are those {@code openssl asn1parse} shows in each extension's OCTET STRING. */
    static Stream<Arguments> fixtureCertificates() {
        String ca = "CN=minitls test CA,O=minitls";
        Instant notBefore = Instant.parse("2026-11-25T20:26:49Z");
        Instant notAfter = Instant.parse("2036-11-22T20:26:49Z");
        return Stream.of(
                fixture("ca-ed25519.pem", "Ed25519", 3, "1001", ca, ca, Optional.of("minitls test CA"), List.of(),
                        notBefore, notAfter, "Ed25519", 256, Optional.of(true), Optional.of(0), List.of(
                                extension("2.5.29.19", true, "30060101ff020100"),
                                extension("2.5.29.14", false, "0414a6edbea75cd9e4385b85378e0f1db2ed729fc5e0"))),
                fixture("leaf-san-ed25519.pem", "Ed25519", 3, "1002", "OU=tests,O=minitls", ca, Optional.empty(),
                        List.of("one.example", "two.example"), notBefore, notAfter, "Ed25519", 256,
                        Optional.of(false), Optional.empty(), List.of(extension("2.5.29.19", false, "3000"),
                                extension("2.5.29.17", false, "3031820b6f6e652e6578616d706c6587047f000001810f6f7073"
                                        + "406f6e652e6578616d706c65820b74776f2e6578616d706c65"),
                                extension("2.5.29.14", false, "0414ccdac148d9d9b2687198bbde72895b4ba5bcb8d0"),
                                extension("2.5.29.35", false, "30168014a6edbea75cd9e4385b85378e0f1db2ed729fc5e0"))),
                fixture("rsa.pem", "sha256WithRSAEncryption", 1, "1003", "CN=rsa.example", "CN=rsa.example",
                        Optional.of("rsa.example"), List.of(), notBefore, notAfter, "RSA", 2048, Optional.empty(),
                        Optional.empty(), List.of()),
                fixture("ec.pem", "ecdsa-with-SHA256", 1, "1004", "CN=ec.example", "CN=ec.example",
                        Optional.of("ec.example"), List.of(), notBefore, notAfter, "EC P-256", 256, Optional.empty(),
                        Optional.empty(), List.of()),
                fixture("ed448.pem", "Ed448", 1, "1005", "CN=ed448.example", "CN=ed448.example",
                        Optional.of("ed448.example"), List.of(), notBefore, notAfter, "Ed448", 0, Optional.empty(),
                        Optional.empty(), List.of()));
    }

    private static Certificate.Extension extension(String oid, boolean critical, String valueHex) {
        return new Certificate.Extension(oid, critical, hex(valueHex));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCertificates")
    void refusesMalformedCertificatesWithMalformed(String what, byte[] der) {
        assertRejected(Kind.MALFORMED, () -> provider().parseCertificate(der));
    }

    /**
     * The port takes DER: PEM text is malformed input like any other. What is wrong with a PEM text itself (a body
     * that is not base64, a second block, text after the END line) is refused before the port, by {@code Pem}.
     */
    static Stream<Arguments> malformedCertificates() {
        byte[] caPem = Vectors.fixture("ca-ed25519.pem");
        byte[] der = derOf(caPem);
        byte[] withNames = derOf(Vectors.fixture("leaf-san-ed25519.pem"));
        return Stream.of(
                Arguments.of("nothing", NO_BYTES),
                Arguments.of("text that is not DER", "hello".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("PEM text handed as DER", caPem),
                Arguments.of("a truncated certificate", Arrays.copyOf(der, der.length - 10)),
                Arguments.of("bytes after the certificate", concat(der, new byte[] {0})),
                Arguments.of("two certificates", concat(der, derOf(Vectors.fixture("rsa.pem")))),
                Arguments.of("a public key, not a certificate", Der.CertificateParts.of(der).subjectPublicKeyInfo()),
                Arguments.of("a subject CN that is not a string", Certificates.withCommonNameAsOctetString(der)),
                Arguments.of("BER: a length in more bytes than needed", Certificates.withLongFormOuterLength(der)),
                Arguments.of("BER: an indefinite length", Certificates.withIndefiniteOuterLength(der)),
                Arguments.of("BER: an inner length in more bytes than needed",
                        Certificates.withLongFormInnerLength(der)),
                Arguments.of("BER: a BOOLEAN TRUE written 01", Certificates.withBooleanTrueAsOne(der)),
                Arguments.of("an Ed25519 key of no bytes", Certificates.withEmptyPublicKey(der)),
                Arguments.of("an Ed25519 key's algorithm with parameters",
                        Certificates.withPublicKeyAlgorithmParameters(der)),
                Arguments.of("an Ed25519 signature algorithm with parameters",
                        Certificates.withSignatureAlgorithmParameters(der)),
                // a non-critical subjectAltName that cannot be read is refused, not taken as a certificate without names
                Arguments.of("a subjectAltName that is NULL, not GeneralNames",
                        Certificates.withSubjectAltNameValue(withNames, hex("0500"))),
                Arguments.of("a subjectAltName holding an INTEGER, not a GeneralName",
                        Certificates.withSubjectAltNameValue(withNames, hex("3003020100"))));
    }

    // ---------------------------------------------------------------- P-256, ECDSA, RSA (issue 13)

    /**
     * Every valid case agrees (Wycheproof's private keys, some shorter or with a leading zero byte, are given as the
     * 32 bytes the port takes); every invalid point is refused as INVALID_KEY: points not on the curve (the
     * invalid-curve attack), the empty encoding, compressed points. The one acceptable case, a valid point in
     * compressed form, is refused too: TLS 1.3 takes uncompressed points only (RFC 8446, section 4.2.8.2).
     */
    @TestFactory
    Stream<DynamicTest> secp256r1PassesWycheproof() {
        return Wycheproof.run(provider().name(), "ecdh_secp256r1_ecpoint_test.json", c -> {
            byte[] privateKey = scalar32(c.bytes("private"));
            byte[] publicKey = c.bytes("public");
            if (c.result().equals("acceptable")) {
                assertThat(c.hasFlag("CompressedPublic")).isTrue();
                assertRejected(Kind.INVALID_KEY, () -> provider().agree(KeyExchangeGroup.SECP256R1, privateKey,
                        publicKey));
            } else if (c.valid()) {
                assertThat(hex(provider().agree(KeyExchangeGroup.SECP256R1, privateKey, publicKey)))
                        .isEqualTo(hex(c.bytes("shared")));
            } else {
                assertRejected(Kind.INVALID_KEY, () -> provider().agree(KeyExchangeGroup.SECP256R1, privateKey,
                        publicKey));
            }
        });
    }

    /**
     * The file has no acceptable case: BER signatures, r or s out of range, trailing bytes are all invalid. The
     * valid cases a provider's library is known to refuse ({@link #ecdsaValidCasesRefused()}) must be refused,
     * so that the list stays true.
     */
    @TestFactory
    Stream<DynamicTest> ecdsaP256Sha256PassesWycheproof() {
        return Wycheproof.run(provider().name(), "ecdsa_secp256r1_sha256_test.json", c -> {
            boolean verified = provider().verify(SignatureAlgorithm.ECDSA_SECP256R1_SHA256,
                    VectorFiles.hex(c.group().get("publicKeyDer")), c.bytes("msg"), c.bytes("sig"));
            if (ecdsaValidCasesRefused().contains(c.tcId())) {
                assertThat(c.valid()).isTrue();
                assertThat(verified).as("a known false negative, still refused").isFalse();
            } else {
                assertThat(verified).isEqualTo(c.valid());
            }
        });
    }

    /**
     * The tcIds of valid ECDSA cases this provider is known to refuse (a false negative, never a false positive);
     * none unless a provider's test says which and why.
     */
    protected java.util.Set<Integer> ecdsaValidCasesRefused() {
        return java.util.Set.of();
    }

    @TestFactory
    Stream<DynamicTest> rsaPssSha256PassesWycheproof() {
        return Wycheproof.run(provider().name(), "rsa_pss_2048_sha256_mgf1_32_test.json", c ->
                assertThat(provider().verify(SignatureAlgorithm.RSA_PSS_RSAE_SHA256,
                        VectorFiles.hex(c.group().get("publicKeyDer")), c.bytes("msg"), c.bytes("sig")))
                        .isEqualTo(c.valid()));
    }

    /**
     * The one acceptable case, a DigestInfo without its NULL parameters, is refused: minitls compares the one
     * encoding RFC 8017 writes, on every provider.
     */
    @TestFactory
    Stream<DynamicTest> rsaPkcs1Sha256PassesWycheproof() {
        return Wycheproof.run(provider().name(), "rsa_signature_2048_sha256_test.json", c -> {
            boolean verified = provider().verify(SignatureAlgorithm.RSA_PKCS1_SHA256,
                    VectorFiles.hex(c.group().get("publicKeyDer")), c.bytes("msg"), c.bytes("sig"));
            if (c.result().equals("acceptable")) {
                assertThat(c.hasFlag("MissingNull")).isTrue();
                assertThat(verified).isFalse();
            } else {
                assertThat(verified).isEqualTo(c.valid());
            }
        });
    }

    /** RFC 5903, section 8.1: both key shares and the shared secret. */
    @Test
    void secp256r1MatchesRfc5903() {
        byte[] i = hex("c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433");
        byte[] r = hex("c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53");
        String gi = "04dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
                + "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3";
        String gr = "04d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
                + "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab";
        String shared = "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de";

        assertThat(i).hasSize(KeyExchangeGroup.SECP256R1.privateKeyLength());
        assertThat(hex(gi)).hasSize(KeyExchangeGroup.SECP256R1.keyShareLength());
        assertThat(hex(provider().keyShare(KeyExchangeGroup.SECP256R1, i))).isEqualTo(gi);
        assertThat(hex(provider().keyShare(KeyExchangeGroup.SECP256R1, r))).isEqualTo(gr);
        assertThat(hex(provider().agree(KeyExchangeGroup.SECP256R1, i, hex(gr)))).isEqualTo(shared);
        assertThat(hex(provider().agree(KeyExchangeGroup.SECP256R1, r, hex(gi)))).isEqualTo(shared);
    }

    /** The scalars at both ends of the range: 1 gives G, n - 1 gives -G (the same X, the other Y). */
    @Test
    void secp256r1KeyShareOfTheSmallestAndLargestScalars() {
        String gx = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
        String gy = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
        String minusGy = "b01cbd1c01e58065711814b583f061e9d431cca994cea1313449bf97c840ae0a";
        byte[] one = new byte[32];
        one[31] = 1;

        assertThat(hex(provider().keyShare(KeyExchangeGroup.SECP256R1, one))).isEqualTo("04" + gx + gy);
        byte[] nMinusOne = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550");
        assertThat(hex(provider().keyShare(KeyExchangeGroup.SECP256R1, nMinusOne))).isEqualTo("04" + gx + minusGy);
    }

    /** X25519 through the generic methods is X25519 (RFC 7748, section 6.1). */
    @Test
    void keyShareAndAgreeInX25519AreX25519() {
        JsonNode v = VectorFiles.read("rfc-vectors.json").get("x25519_rfc7748").get("section_6_1");
        byte[] alice = hex(v.get("alice_private"));

        assertThat(alice).hasSize(KeyExchangeGroup.X25519.privateKeyLength());
        assertThat(provider().keyShare(KeyExchangeGroup.X25519, alice))
                .hasSize(KeyExchangeGroup.X25519.keyShareLength());
        assertThat(hex(provider().keyShare(KeyExchangeGroup.X25519, alice))).isEqualTo(v.get("alice_public").asText());
        assertThat(hex(provider().agree(KeyExchangeGroup.X25519, alice, hex(v.get("bob_public")))))
                .isEqualTo(v.get("shared").asText());
    }

    /** Scalars of 0, n, above n, or another length are refused, whether making a key share or agreeing. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0000000000000000000000000000000000000000000000000000000000000000",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "01", "00c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433"})
    void secp256r1RefusesPrivateKeysOutsideOneToNMinusOne(String privateKeyHex) {
        byte[] peer = provider().keyShare(KeyExchangeGroup.SECP256R1, scalar32(hex("05")));

        assertRejected(Kind.INVALID_KEY, () -> provider().keyShare(KeyExchangeGroup.SECP256R1, hex(privateKeyHex)));
        assertRejected(Kind.INVALID_KEY, () -> provider().agree(KeyExchangeGroup.SECP256R1, hex(privateKeyHex), peer));
    }

    /** Nothing but an uncompressed point on the curve: not the identity's encodings, not x or y at or above p. */
    @Test
    void secp256r1RefusesPeerSharesThatAreNotAnUncompressedPointOnTheCurve() {
        byte[] own = scalar32(hex("07"));
        byte[] valid = provider().keyShare(KeyExchangeGroup.SECP256R1, scalar32(hex("05")));
        byte[] offCurve = valid.clone();
        offCurve[64] ^= 1;
        byte[] compressed = concat(new byte[] {(byte) (2 + (valid[64] & 1))}, Arrays.copyOfRange(valid, 1, 33));
        String p = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
        // (x + p, y): the same point reduced mod p, but not a canonical encoding
        byte[] xPlusP = concat(hex("04" + p), Arrays.copyOfRange(valid, 33, 65));

        for (byte[] share : List.of(offCurve, compressed, hex("00"), concat(hex("04"), new byte[64]), xPlusP,
                Arrays.copyOf(valid, 64), concat(valid, new byte[1]), NO_BYTES)) {
            assertRejected(Kind.INVALID_KEY, () -> provider().agree(KeyExchangeGroup.SECP256R1, own, share));
        }
        assertThat(provider().agree(KeyExchangeGroup.SECP256R1, own, valid)).hasSize(32);
    }

    /**
     * PKCS#8 keys the JDK wrote: the key's public half is the JDK's SubjectPublicKeyInfo byte for byte, it signs
     * with each algorithm it lists, and each signature verifies under that algorithm only, and not for another
     * message.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdkKeyPairs")
    void signingKeyReadsEcdsaAndRsaPkcs8KeysAndSignsWithEachOfItsAlgorithms(String name,
            java.security.KeyPair pair, List<SignatureAlgorithm> algorithms) {
        SigningKey key = provider().signingKey(pair.getPrivate().getEncoded());
        byte[] message = "minitls".getBytes(StandardCharsets.US_ASCII);

        assertThat(key.publicKey()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(key.algorithms()).containsExactlyElementsOf(algorithms);
        assertThat(key.toString()).doesNotContain(hex(pair.getPrivate().getEncoded()).substring(80, 100));
        for (SignatureAlgorithm algorithm : algorithms) {
            byte[] signature = key.sign(algorithm, message);
            assertThat(provider().verify(algorithm, key.publicKey(), message, signature)).as("%s", algorithm).isTrue();
            assertThat(provider().verify(algorithm, key.publicKey(), concat(message, new byte[1]), signature))
                    .isFalse();
            for (SignatureAlgorithm other : SignatureAlgorithm.values()) {
                if (other != algorithm) {
                    assertThat(provider().verify(other, key.publicKey(), message, signature)).as("%s", other)
                            .isFalse();
                }
            }
        }
        assertThat(provider().verify(algorithms.get(0), key.publicKey(), message, key.sign(message))).isTrue();
        assertRejected(Kind.INVALID_ARGUMENT, () -> key.sign(SignatureAlgorithm.ED25519, message));
        assertRejected(Kind.INVALID_ARGUMENT, () -> key.sign(SignatureAlgorithm.RSA_PKCS1_SHA256, message));
    }

    static Stream<Arguments> jdkKeyPairs() {
        return Stream.of(
                Arguments.of("ECDSA P-256", SignatureKeys.P256, List.of(SignatureAlgorithm.ECDSA_SECP256R1_SHA256)),
                Arguments.of("RSA-2048", SignatureKeys.RSA_2048, List.of(SignatureAlgorithm.RSA_PSS_RSAE_SHA256,
                        SignatureAlgorithm.RSA_PSS_RSAE_SHA384, SignatureAlgorithm.RSA_PSS_RSAE_SHA512)));
    }

    /** The JDK's own signatures verify here, and this provider's verify with the JDK (SunEC, SunRsaSign). */
    @Test
    void ecdsaAndRsaPssSignaturesInteroperateWithTheJdk() throws Exception {
        byte[] message = "interoperable".getBytes(StandardCharsets.US_ASCII);
        java.security.Signature ecdsa = java.security.Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(SignatureKeys.P256.getPrivate());
        ecdsa.update(message);
        byte[] jdkEcdsa = ecdsa.sign();
        byte[] ours = provider().signingKey(SignatureKeys.P256.getPrivate().getEncoded()).sign(message);
        ecdsa.initVerify(SignatureKeys.P256.getPublic());
        ecdsa.update(message);

        assertThat(ecdsa.verify(ours)).isTrue();
        assertThat(provider().verify(SignatureAlgorithm.ECDSA_SECP256R1_SHA256,
                SignatureKeys.P256.getPublic().getEncoded(), message, jdkEcdsa)).isTrue();

        java.security.Signature pss = java.security.Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new java.security.spec.PSSParameterSpec("SHA-384", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA384, 48, 1));
        pss.initVerify(SignatureKeys.RSA_2048.getPublic());
        pss.update(message);
        assertThat(pss.verify(provider().signingKey(SignatureKeys.RSA_2048.getPrivate().getEncoded())
                .sign(SignatureAlgorithm.RSA_PSS_RSAE_SHA384, message))).isTrue();
    }

    /** A valid signature re-encoded in BER (a length in long form), or with a byte after it, does not verify. */
    @Test
    void ecdsaRefusesBerAndTrailingBytesOfAValidSignature() {
        SigningKey key = provider().signingKey(SignatureKeys.P256.getPrivate().getEncoded());
        byte[] message = "minitls".getBytes(StandardCharsets.US_ASCII);
        byte[] der = key.sign(message);
        byte[] ber = concat(new byte[] {0x30, (byte) 0x81, der[1]}, Arrays.copyOfRange(der, 2, der.length));

        assertThat(provider().verify(SignatureAlgorithm.ECDSA_SECP256R1_SHA256, key.publicKey(), message, der))
                .isTrue();
        assertThat(provider().verify(SignatureAlgorithm.ECDSA_SECP256R1_SHA256, key.publicKey(), message, ber))
                .isFalse();
        assertThat(provider().verify(SignatureAlgorithm.ECDSA_SECP256R1_SHA256, key.publicKey(), message,
                concat(der, new byte[1]))).isFalse();
    }

    /** RSA keys under 2048 bits: refused as a signing key, and nothing verifies under them. */
    @Test
    void rsaKeysUnder2048BitsAreRefused() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        assertRsaKeyRefused(generator.generateKeyPair());
    }

    /**
     * An RSA public exponent over 32 bits is refused (a hostile peer's certificate could otherwise make each
     * verification cost as much as a private-key operation): nothing verifies under it, and it signs nothing.
     */
    @Test
    void rsaKeysWithAnExponentOver32BitsAreRefused() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(2048,
                java.math.BigInteger.ONE.shiftLeft(64).add(java.math.BigInteger.ONE)));
        assertRsaKeyRefused(generator.generateKeyPair());
    }

    /** {@code pair} signs nothing here, and nothing its JDK signature makes verifies here. */
    private void assertRsaKeyRefused(java.security.KeyPair pair) throws Exception {
        byte[] message = "minitls".getBytes(StandardCharsets.US_ASCII);
        java.security.Signature pkcs1 = java.security.Signature.getInstance("SHA256withRSA");
        pkcs1.initSign(pair.getPrivate());
        pkcs1.update(message);
        byte[] signature = pkcs1.sign();

        assertRejected(Kind.INVALID_KEY, () -> provider().signingKey(pair.getPrivate().getEncoded()));
        assertThat(provider().verify(SignatureAlgorithm.RSA_PKCS1_SHA256, pair.getPublic().getEncoded(), message,
                signature)).isFalse();
    }

    /** A P-256 PKCS#8 key whose ECPrivateKey carries another key's public point is refused. */
    @Test
    void signingKeyRefusesAnEcKeyWhosePublicKeyIsAnotherKeys() {
        byte[] otherPoint = provider().keyShare(KeyExchangeGroup.SECP256R1, scalar32(hex("05")));
        byte[] ecPrivateKey = concat(concat(hex("306b0201010420"), scalar32(hex("07"))),
                concat(hex("a144034200"), otherPoint));
        byte[] pkcs8 = concat(hex("308187020100301306072a8648ce3d020106082a8648ce3d030107046d"), ecPrivateKey);
        byte[] ownPoint = provider().keyShare(KeyExchangeGroup.SECP256R1, scalar32(hex("07")));
        byte[] matching = concat(Arrays.copyOf(pkcs8, pkcs8.length - 65), ownPoint);

        assertRejected(Kind.MALFORMED, () -> provider().signingKey(pkcs8));
        assertThat(provider().signingKey(matching).algorithms())
                .containsExactly(SignatureAlgorithm.ECDSA_SECP256R1_SHA256);
    }

    /**
     * A P-256 PKCS#8 key is read only in DER with the versions RFC 5958 and RFC 5915 give it, and a scalar of 32
     * bytes from 1 to n - 1; the minimal encoding itself is read.
     */
    @Test
    void signingKeyRefusesP256KeysThatAreNotDerOrWhoseScalarIsOutOfRange() {
        String prefix = "3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420";
        byte[] d = scalar32(hex("07"));
        byte[] minimal = concat(hex(prefix), d);
        byte[] infoVersion1 = concat(hex(prefix.replaceFirst("^3041020100", "3041020101")), d);
        byte[] ecVersion2 = concat(hex(prefix.replace("30250201010420", "30250201020420")), d);
        byte[] longForm = concat(hex("308141" + prefix.substring(4)), d);
        byte[] shortScalar = concat(hex("3040020100301306072a8648ce3d020106082a8648ce3d03010704263024020101041f"),
                Arrays.copyOf(d, 31));

        assertThat(provider().signingKey(minimal).publicKey())
                .isEqualTo(KeyShareSpki.of(provider().keyShare(KeyExchangeGroup.SECP256R1, d)));
        for (byte[] notDer : List.of(infoVersion1, ecVersion2, longForm, concat(minimal, new byte[1]))) {
            assertRejected(Kind.MALFORMED, () -> provider().signingKey(notDer));
        }
        assertRejected(Kind.INVALID_KEY, () -> provider().signingKey(shortScalar));
        assertRejected(Kind.INVALID_KEY, () -> provider().signingKey(concat(hex(prefix), new byte[32])));
    }

    /** Ed25519 through the generic methods: the same raw key and signature as {@link CryptoProvider#ed25519Verify}. */
    @Test
    void verifyWithEd25519IsEd25519Verify() {
        SigningKey key = provider().signingKey(GOLDEN_SERVER_KEY_PKCS8);
        byte[] message = "minitls".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.sign(SignatureAlgorithm.ED25519, message);

        assertThat(key.algorithms()).containsExactly(SignatureAlgorithm.ED25519);
        assertThat(signature).isEqualTo(key.sign(message));
        assertThat(provider().verify(SignatureAlgorithm.ED25519, key.publicKey(), message, signature)).isTrue();
        assertThat(provider().verify(SignatureAlgorithm.ED25519, key.publicKey(), flipLastBit(message), signature))
                .isFalse();
        assertThat(provider().verify(SignatureAlgorithm.ECDSA_SECP256R1_SHA256, key.publicKey(), message, signature))
                .isFalse();
    }

    /** A big-endian scalar as the 32 bytes the port takes. */
    private static byte[] scalar32(byte[] scalar) {
        byte[] out = new byte[32];
        int length = Math.min(scalar.length, 32);
        System.arraycopy(scalar, scalar.length - length, out, 32 - length, length);
        return out;
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

        byte[] buffer = concat(concat(ARRAY_AROUND, sealed), ARRAY_AROUND);
        byte[] bufferBefore = buffer.clone();
        assertRejected(Kind.AUTHENTICATION_FAILED,
                () -> aead.openInPlace(nonce, aad, buffer, ARRAY_AROUND.length, sealed.length));
        assertThat(buffer).as("opening in place released nothing").isEqualTo(bufferBefore);
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
            Instant notBefore, Instant notAfter, String keyAlgorithm, int keyBits, Optional<Boolean> basicConstraintsCa,
            Optional<Integer> pathLenConstraint, List<Certificate.Extension> extensions) {
        return Arguments.of(file, expected(Vectors.fixture(file), signatureAlgorithm, version, serialHex, subjectText,
                issuerText, commonName, dnsNames, notBefore, notAfter, keyAlgorithm, keyBits, basicConstraintsCa,
                pathLenConstraint, extensions));
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
