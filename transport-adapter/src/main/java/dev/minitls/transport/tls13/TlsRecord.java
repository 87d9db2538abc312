package dev.minitls.transport.tls13;

import dev.minitls.domain.tls13.RecordContentType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One record as it travels (RFC 8446 section 5.1): the 5-byte header (content type, legacy_record_version, length)
 * and the fragment. A protected record (TLSCiphertext) says application_data and 0x0303 whatever it holds.
 */
public record TlsRecord(RecordContentType type, int legacyVersion, byte[] fragment) {

    public static final int HEADER_LENGTH = 5;
    /** legacy_record_version of every record but the first ClientHello's. */
    public static final int TLS_1_2 = 0x0303;
    /** legacy_record_version a client may put on the record of its first ClientHello (section 5.1). */
    public static final int TLS_1_0 = 0x0301;
    /** The most a clear record (TLSPlaintext) may hold: 2^14 bytes. */
    public static final int MAX_PLAINTEXT = 1 << 14;
    /** The most a protected record (TLSCiphertext) may hold: 2^14 + 256 bytes. */
    public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 256;

    public TlsRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fragment, "fragment");
        if (fragment.length > MAX_CIPHERTEXT) {
            throw new IllegalArgumentException("a record holds at most " + MAX_CIPHERTEXT + " bytes, not "
                    + fragment.length);
        }
    }

    /** A record with the version every record but the first ClientHello's carries. */
    public TlsRecord(RecordContentType type, byte[] fragment) {
        this(type, TLS_1_2, fragment);
    }

    /** The 5-byte header: also the associated data of a protected record's AEAD. */
    public byte[] header() {
        return header(type, legacyVersion, fragment.length);
    }

    /** The record's bytes: header, then fragment. */
    public byte[] encode() {
        byte[] wire = Arrays.copyOf(header(), HEADER_LENGTH + fragment.length);
        System.arraycopy(fragment, 0, wire, HEADER_LENGTH, fragment.length);
        return wire;
    }

    /**
     * {@code content} cut into the contents of consecutive records, each at most 2^14 bytes: a long handshake
     * message (a certificate chain) spans several records, as the {@link HandshakeReassembler} expects. Empty
     * content gives one empty piece (an empty application_data record is allowed; handshake content never is).
     */
    public static List<byte[]> fragments(byte[] content) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        do {
            int end = Math.min(content.length, start + MAX_PLAINTEXT);
            pieces.add(Arrays.copyOfRange(content, start, end));
            start = end;
        } while (start < content.length);
        return pieces;
    }

    static byte[] header(RecordContentType type, int legacyVersion, int length) {
        // Written straight into its five bytes, on every record's path, with the fields checked as WireWriter does.
        WireWriter.requireFits(legacyVersion, 2);
        WireWriter.requireFits(length, 2);
        return new byte[] {(byte) type.code(), (byte) (legacyVersion >>> 8), (byte) legacyVersion,
            (byte) (length >>> 8), (byte) length};
    }
}
