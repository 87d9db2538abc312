package dev.minitls.crypto.keys;

import dev.minitls.domain.port.CryptoException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The little DER that keys and ECDSA signatures need, read strictly (shortest lengths, never indefinite, INTEGERs in
 * their fewest bytes, nothing left over) and written the same way. Whatever breaks a rule is
 * {@link CryptoException.Kind#MALFORMED}: refused, never repaired.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    private static final int MAX_LENGTH_BYTES = 3;

    private Der() {
    }

    /** Reads the elements between two offsets, one after the other. */
    static final class Reader {

        private final byte[] der;
        private int at;
        private final int end;

        Reader(byte[] der) {
            this(der, 0, der.length);
        }

        private Reader(byte[] der, int at, int end) {
            this.der = der;
            this.at = at;
            this.end = end;
        }

        boolean hasMore() {
            return at < end;
        }

        /** The tag of the next element, which must exist. */
        int peekTag() {
            require(at < end, "an element expected");
            return der[at] & 0xff;
        }

        /** The contents of the next element, which must have {@code tag}. */
        byte[] read(int tag) {
            int[] bounds = next(tag);
            return Arrays.copyOfRange(der, bounds[0], bounds[1]);
        }

        /** A reader over the contents of the next element, which must have {@code tag} (a SEQUENCE, a [n]). */
        Reader enter(int tag) {
            int[] bounds = next(tag);
            return new Reader(der, bounds[0], bounds[1]);
        }

        /** A non-negative INTEGER. */
        BigInteger integer() {
            byte[] value = read(INTEGER);
            require(value.length > 0, "an empty INTEGER");
            require(value.length == 1 || !(value[0] == 0 && value[1] >= 0), "an INTEGER with a needless 00");
            require(value[0] >= 0, "a negative INTEGER");
            return new BigInteger(1, value);
        }

        /** A BIT STRING with no unused bits, without its first byte. */
        byte[] bitString() {
            byte[] value = read(BIT_STRING);
            require(value.length > 0 && value[0] == 0, "a BIT STRING with unused bits");
            return Arrays.copyOfRange(value, 1, value.length);
        }

        /** Refuses anything left. */
        void end() {
            require(at == end, "bytes after the last element");
        }

        private int[] next(int tag) {
            require(at + 2 <= end, "an element cut short");
            require((der[at] & 0xff) == tag, "an unexpected element");
            int first = der[at + 1] & 0xff;
            int start = at + 2;
            int length = first;
            if (first >= 0x80) {
                int count = first & 0x7f;
                require(count >= 1 && count <= MAX_LENGTH_BYTES && start + count <= end, "a bad length");
                require(der[start] != 0, "a length with a leading zero byte");
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                require(length >= 0x80, "a length in long form below 128");
                start += count;
            }
            require(length <= end - start, "an element longer than what holds it");
            at = start + length;
            return new int[] {start, at};
        }
    }

    static void require(boolean rule, String broken) {
        if (!rule) {
            throw new CryptoException(CryptoException.Kind.MALFORMED, "not DER: " + broken);
        }
    }

    /** One element: {@code tag}, its length in the shortest form, the contents. */
    static byte[] element(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int skip = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - skip));
            out.write(bytes, skip, bytes.length - skip);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** A non-negative INTEGER in its fewest bytes. */
    static byte[] integer(BigInteger value) {
        return element(INTEGER, value.toByteArray());
    }

    /** A BIT STRING with no unused bits. */
    static byte[] bitString(byte[] bits) {
        return element(BIT_STRING, new byte[] {0}, bits);
    }
}
