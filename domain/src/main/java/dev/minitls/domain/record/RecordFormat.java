package dev.minitls.domain.record;

import java.nio.ByteBuffer;

/** How a protocol authenticates a record's position and size: the associated data of its AEAD. */
public enum RecordFormat {
    /** Protocol v1: no associated data (the original's choice, kept for compatibility). */
    V1(0) {
        @Override
        byte[] associatedData(long sequence, int ciphertextLength) {
            return NO_ASSOCIATED_DATA;
        }
    },
    /**
     * Protocol v2: {@code 0x17 || uint64(seq) || uint16(ciphertext length)}, so that a record cannot be moved to
     * another position or cut without failing authentication.
     */
    V2(1) {
        @Override
        byte[] associatedData(long sequence, int ciphertextLength) {
            return ByteBuffer.allocate(11).put((byte) 0x17).putLong(sequence).putShort((short) ciphertextLength)
                    .array();
        }
    };

    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    private final int contentTypeLength;

    RecordFormat(int contentTypeLength) {
        this.contentTypeLength = contentTypeLength;
    }

    /** The most plaintext one record holds: the content and, in v2, the content-type byte. */
    int maxPlaintext() {
        return RecordLimits.MAX_PLAINTEXT + contentTypeLength;
    }

    abstract byte[] associatedData(long sequence, int ciphertextLength);
}
