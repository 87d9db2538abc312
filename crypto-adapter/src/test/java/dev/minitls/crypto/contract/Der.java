package dev.minitls.crypto.contract;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Slices DER (single-byte tags, definite lengths) so that the contract takes expected certificate fields from the
 * certificate's bytes rather than from any provider, and rebuilds values from their elements to spoil certificates.
 */
final class Der {

    private Der() {
    }

    /** The elements inside the constructed value {@code encoded}, each with its own tag and length. */
    static List<byte[]> elements(byte[] encoded) {
        List<byte[]> elements = new ArrayList<>();
        int offset = contentOffset(encoded, 0);
        while (offset < encoded.length) {
            int end = contentOffset(encoded, offset) + contentLength(encoded, offset);
            elements.add(Arrays.copyOfRange(encoded, offset, end));
            offset = end;
        }
        return elements;
    }

    /** The content of the value {@code encoded}, without its tag and length. */
    static byte[] content(byte[] encoded) {
        return Arrays.copyOfRange(encoded, contentOffset(encoded, 0), encoded.length);
    }

    /** A value with tag {@code tag} and content {@code content}, its length in DER's shortest form. */
    static byte[] encode(int tag, byte[] content) {
        int length = content.length;
        byte[] header;
        if (length < 0x80) {
            header = new byte[] {(byte) tag, (byte) length};
        } else if (length < 0x100) {
            header = new byte[] {(byte) tag, (byte) 0x81, (byte) length};
        } else {
            header = new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        byte[] encoded = Arrays.copyOf(header, header.length + length);
        System.arraycopy(content, 0, encoded, header.length, length);
        return encoded;
    }

    /** The constructed value {@code encoded} with element {@code index} replaced, lengths re-encoded. */
    static byte[] withElement(byte[] encoded, int index, UnaryOperator<byte[]> change) {
        List<byte[]> elements = elements(encoded);
        elements.set(index, change.apply(elements.get(index)));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        elements.forEach(content::writeBytes);
        return encode(encoded[0] & 0xff, content.toByteArray());
    }

    /** The parts of a certificate that the contract compares byte for byte. */
    record CertificateParts(byte[] tbs, byte[] signature, byte[] issuer, byte[] subject, byte[] subjectPublicKeyInfo) {

        static CertificateParts of(byte[] certificateDer) {
            List<byte[]> certificate = elements(certificateDer);
            List<byte[]> tbs = elements(certificate.get(0));
            int version = (tbs.get(0)[0] & 0xff) == 0xa0 ? 1 : 0; // [0] EXPLICIT version, absent in v1
            byte[] bitString = content(certificate.get(2));
            return new CertificateParts(
                    certificate.get(0),
                    Arrays.copyOfRange(bitString, 1, bitString.length), // after the unused-bits byte
                    tbs.get(version + 2),
                    tbs.get(version + 4),
                    tbs.get(version + 5));
        }
    }

    private static int contentOffset(byte[] der, int offset) {
        int first = der[offset + 1] & 0xff;
        return offset + 2 + (first < 0x80 ? 0 : first & 0x7f);
    }

    private static int contentLength(byte[] der, int offset) {
        int first = der[offset + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[offset + 2 + i] & 0xff);
        }
        return length;
    }
}
