package dev.minitls.crypto.jca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.port.AeadAlgorithm;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No idle cipher in the pool holds a session's key. Through the JCA's own API: an idle cipher encrypts as the
 * all-zero key does. Beneath it (the JCA promises nothing here, so this reads the JDK's fields): no array reachable
 * from an idle cipher holds the key's bytes or the first words of its schedule. The surefire configuration opens
 * {@code com.sun.crypto.provider} for this.
 */
class CipherPoolTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AeadAlgorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
    void aCipherGivenBackHoldsNoKeyOfTheSession(AeadAlgorithm algorithm) throws Exception {
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        String transformation = chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
        String keyAlgorithm = chacha ? "ChaCha20" : "AES";
        CipherPool pool = new CipherPool(transformation, new SecretKeySpec(new byte[32], keyAlgorithm),
                nonce -> parameters(chacha, nonce));
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x40 + i);
        }
        JcaAead aead = new JcaAead(algorithm, key, pool);
        byte[] nonce = new byte[12];
        byte[] sealed = aead.seal(nonce, new byte[0], new byte[100]);
        aead.open(nonce, new byte[0], sealed);
        aead.open(nonce, new byte[0], sealed);
        aead.destroy();

        // The sealing cipher and the opening one, both given back by destroy().
        for (Cipher idle : List.of(pool.borrow(), pool.borrow())) {
            byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
            Cipher zeroKeyed = Cipher.getInstance(transformation);
            zeroKeyed.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[32], keyAlgorithm),
                    parameters(chacha, idle.getIV()));
            assertThat(idle.doFinal(probe)).as("the idle cipher encrypts under the all-zero key")
                    .isEqualTo(zeroKeyed.doFinal(probe));
            assertThat(reachableKeyMaterial(idle, key)).as("arrays holding the session key").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AeadAlgorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
    void aLiveKeyKeepsItsCiphersAndDestroyGivesThemBack(AeadAlgorithm algorithm) {
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        CipherPool pool = new CipherPool(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding",
                new SecretKeySpec(new byte[32], chacha ? "ChaCha20" : "AES"), nonce -> parameters(chacha, nonce));
        JcaAead aead = new JcaAead(algorithm, new byte[32], pool);
        for (int record = 0; record < 3; record++) {
            byte[] nonce = new byte[12];
            nonce[11] = (byte) record;
            byte[] plaintext = new byte[] {(byte) record};
            assertThat(aead.open(nonce, new byte[0], aead.seal(nonce, new byte[0], plaintext))).isEqualTo(plaintext);
        }
        assertThat(pool.idle()).as("ciphers idle while the key is live").isZero();

        aead.destroy();
        aead.destroy();

        assertThat(pool.idle()).as("ciphers idle once the key is destroyed (twice): the sealing one and the opening"
                + " one, each given back once").isEqualTo(2);
    }

    @Test
    void keepsAtMostMaxIdleCiphersAndHandsTheLastOneKeptOutFirst() {
        CipherPool pool = new CipherPool("AES/GCM/NoPadding", new SecretKeySpec(new byte[32], "AES"),
                nonce -> parameters(false, nonce));
        List<Cipher> given = new ArrayList<>();
        for (int i = 0; i < CipherPool.MAX_IDLE + 5; i++) {
            Cipher cipher = pool.create();
            given.add(cipher);
            pool.giveBack(cipher);
        }

        assertThat(pool.idle()).isEqualTo(CipherPool.MAX_IDLE);
        assertThat(pool.borrow()).as("the last one kept").isSameAs(given.get(CipherPool.MAX_IDLE - 1));
        assertThat(pool.idle()).isEqualTo(CipherPool.MAX_IDLE - 1);
    }

    private static java.security.spec.AlgorithmParameterSpec parameters(boolean chacha, byte[] nonce) {
        return chacha ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce);
    }

    /** The paths of arrays reachable from {@code root} that hold {@code key}'s bytes or its first four words. */
    private static List<String> reachableKeyMaterial(Object root, byte[] key) throws IllegalAccessException {
        List<String> found = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.add(new Object[] {root, "cipher"});
        int readFields = 0;
        while (!todo.isEmpty()) {
            Object[] next = todo.poll();
            Object object = next[0];
            String path = (String) next[1];
            if (object == null || !seen.add(object) || object instanceof Class || object instanceof String) {
                continue;
            }
            Class<?> type = object.getClass();
            if (type == byte[].class && contains((byte[]) object, key)
                    || type == int[].class && containsWords((int[]) object, key)) {
                found.add(path);
            }
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    Object[] elements = (Object[]) object;
                    for (int i = 0; i < elements.length; i++) {
                        todo.add(new Object[] {elements[i], path + "[" + i + "]"});
                    }
                }
                continue;
            }
            if (type.getName().startsWith("java.security.Provider") || type.getName().startsWith("sun.security.jca")) {
                continue;
            }
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                    } catch (InaccessibleObjectException closed) {
                        continue;
                    }
                    readFields++;
                    todo.add(new Object[] {field.get(object), path + "." + field.getName()});
                }
            }
        }
        assertThat(readFields).as("the JDK's cipher fields were readable (see the surefire configuration)")
                .isGreaterThan(3);
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] key) {
        for (int i = 0; i + key.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + key.length, key, 0, key.length)) {
                return true;
            }
        }
        return false;
    }

    /** The first four 32-bit words of the key, big- or little-endian, as AES and ChaCha20 keep them. */
    private static boolean containsWords(int[] haystack, byte[] key) {
        int[] bigEndian = new int[4];
        for (int i = 0; i < 4; i++) {
            bigEndian[i] = (key[4 * i] & 0xff) << 24 | (key[4 * i + 1] & 0xff) << 16 | (key[4 * i + 2] & 0xff) << 8
                    | key[4 * i + 3] & 0xff;
        }
        int[] littleEndian = Arrays.stream(bigEndian).map(Integer::reverseBytes).toArray();
        for (int i = 0; i + 4 <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + 4, bigEndian, 0, 4)
                    || Arrays.equals(haystack, i, i + 4, littleEndian, 0, 4)) {
                return true;
            }
        }
        return false;
    }
}
