package dev.minitls.crypto.jca;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether bytes are DER and not merely BER, which the JDK's X.509 reader also accepts: each length in its shortest
 * form and never indefinite, a BOOLEAN only {@code 00} or {@code ff}, an INTEGER in its fewest bytes, no string in
 * constructed form, the elements of a SET in order. What BIT and OCTET STRINGs hold (keys, signatures, extension
 * values) is not looked into, as a DER re-encoding of the certificate would not either.
 */
final class StrictDer {

    private static final int BOOLEAN = 0x01;
    private static final int INTEGER = 0x02;
    private static final int SEQUENCE = 0x10;
    private static final int SET = 0x11;
    private static final int CONSTRUCTED = 0x20;
    private static final int SET_TAG = CONSTRUCTED | SET;
    private static final int MAX_LENGTH_BYTES = 4;

    private StrictDer() {
    }

    /** The first rule {@code der} breaks, or empty when it is one DER element and nothing more. */
    static Optional<String> violation(byte[] der) {
        try {
            int end = element(der, 0, der.length);
            return end == der.length ? Optional.empty() : Optional.of("bytes after the certificate");
        } catch (NotDer e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Checks the element at {@code at}, which must end by {@code limit}; returns where it ends. */
    private static int element(byte[] der, int at, int limit) {
        require(at + 2 <= limit, "an element cut short");
        int tag = der[at] & 0xff;
        require((tag & 0x1f) != 0x1f, "a tag in more than one byte");
        int first = der[at + 1] & 0xff;
        int header = 2;
        int length = first;
        if (first >= 0x80) {
            int count = first & 0x7f;
            require(count != 0, "an indefinite length");
            require(count <= MAX_LENGTH_BYTES && at + 2 + count <= limit, "a length cut short or over 4 bytes");
            require(der[at + 2] != 0, "a length with a leading zero byte");
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xff);
            }
            require(length >= 0x80, "a length in long form below 128");
            header += count;
        }
        int start = at + header;
        int end = start + length;
        require(length >= 0 && end <= limit, "an element longer than what holds it");
        if ((tag & CONSTRUCTED) != 0) {
            boolean universal = (tag & 0xc0) == 0;
            require(!universal || (tag & 0x1f) == SEQUENCE || (tag & 0x1f) == SET, "a string in constructed form");
            children(der, start, end, tag == SET_TAG);
        } else if (tag == BOOLEAN) {
            require(length == 1 && (der[start] == 0 || der[start] == (byte) 0xff), "a BOOLEAN neither 00 nor ff");
        } else if (tag == INTEGER) {
            require(length > 0, "an empty INTEGER");
            require(length == 1 || !(der[start] == 0 && der[start + 1] >= 0)
                    && !(der[start] == (byte) 0xff && der[start + 1] < 0), "an INTEGER with a needless first byte");
        }
        return end;
    }

    private static void children(byte[] der, int start, int end, boolean sorted) {
        int previous = -1;
        for (int at = start; at < end; ) {
            int next = element(der, at, end);
            require(!sorted || previous < 0 || Arrays.compareUnsigned(der, previous, at, der, at, next) <= 0,
                    "the elements of a SET out of order");
            previous = at;
            at = next;
        }
    }

    private static void require(boolean rule, String broken) {
        if (!rule) {
            throw new NotDer(broken);
        }
    }

    /** The rule broken; caught in {@link #violation}, never seen outside. */
    private static final class NotDer extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotDer(String broken) {
            super(broken, null, false, false);
        }
    }
}
