package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.tls13.RecordContentType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads records from a byte stream (RFC 8446 section 5.1), checking each header before it reads the rest of
 * the fragment, so at most 5 + 2^14 + 256 bytes (and the bytes read ahead) are ever held for one record:
 * <ul>
 *   <li>a content type other than change_cipher_spec, alert, handshake and application_data is
 *       {@code unexpected_message};</li>
 *   <li>legacy_record_version must be 0x0303, except that a server accepts 0x0301 on the very first record, the
 *       client's first ClientHello; anything else is {@code protocol_version};</li>
 *   <li>a clear record (anything but application_data) holds at most 2^14 bytes, a protected one 2^14 + 256
 *       ({@code record_overflow} otherwise); a clear handshake or alert record is never empty, and a
 *       change_cipher_spec record holds the one byte 0x01 ({@code unexpected_message} otherwise).</li>
 * </ul>
 * The stream ending before a record starts is {@code PEER_CLOSED}; ending inside one, {@code TRUNCATED}. How long a
 * read may wait is the stream's business (the socket's timeout). To read a small record in one read rather than two
 * (header, then fragment), a read may take up to {@link #READ_AHEAD} bytes more than the record needs, which wait
 * here for the next one. After any failure the position is lost: close it.
 */
public final class RecordReader {

    /** How many bytes one read may take beyond the record being read. */
    static final int READ_AHEAD = 2048;

    private final InputStream in;
    /** Bytes read and not yet taken: {@code ahead[aheadStart..aheadEnd)}. */
    private final byte[] ahead = new byte[READ_AHEAD];
    private int aheadStart;
    private int aheadEnd;
    private boolean firstRecord;
    private final boolean server;

    private RecordReader(InputStream in, boolean server) {
        this.in = in;
        this.server = server;
        this.firstRecord = true;
    }

    /** A server's reader: its first record, the client's first ClientHello, may say 0x0301. */
    public static RecordReader server(InputStream in) {
        return new RecordReader(in, true);
    }

    /** A client's reader: every record says 0x0303. */
    public static RecordReader client(InputStream in) {
        return new RecordReader(in, false);
    }

    /** The next record. */
    public TlsRecord next() throws IOException {
        byte[] header = new byte[TlsRecord.HEADER_LENGTH];
        int headerRead = read(header, header.length);
        if (headerRead == 0) {
            throw new ProtocolException(Failure.PEER_CLOSED, "end of stream");
        }
        if (headerRead < TlsRecord.HEADER_LENGTH) {
            throw truncated(headerRead + " of the 5 header bytes");
        }
        WireReader fields = new WireReader("record header", header);
        int code = fields.u8("type");
        RecordContentType type = RecordContentType.fromCode(code).orElseThrow(
                () -> new ProtocolException(Failure.UNEXPECTED_MESSAGE, "record of content type " + code));
        int version = fields.u16("legacy_record_version");
        int length = fields.u16("length");
        checkVersion(type, version);
        checkLength(type, length);
        byte[] fragment = new byte[length];
        int read = read(fragment, length);
        if (read < length) {
            throw truncated(read + " of the " + length + " bytes of a " + type.rfcName() + " record");
        }
        if (type == RecordContentType.CHANGE_CIPHER_SPEC && !Arrays.equals(fragment, new byte[] {1})) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "a change_cipher_spec record holds 0x01 only");
        }
        firstRecord = false;
        return new TlsRecord(type, version, fragment);
    }

    /**
     * Fills {@code into} with {@code length} bytes, first from the bytes read ahead; fewer only when the stream ended.
     * A short rest is read by refilling the read-ahead buffer (one read takes a small record's header and fragment
     * together, and often the next record's); a long one is read straight into {@code into}.
     */
    private int read(byte[] into, int length) throws IOException {
        int filled = Math.min(length, aheadEnd - aheadStart);
        System.arraycopy(ahead, aheadStart, into, 0, filled);
        aheadStart += filled;
        while (filled < length) {
            int wanted = length - filled;
            if (wanted >= ahead.length) {
                int read = in.read(into, filled, wanted);
                if (read < 0) {
                    break;
                }
                filled += read;
            } else {
                int read = in.read(ahead, 0, ahead.length);
                if (read < 0) {
                    break;
                }
                int taken = Math.min(wanted, read);
                System.arraycopy(ahead, 0, into, filled, taken);
                filled += taken;
                aheadStart = taken;
                aheadEnd = read;
            }
        }
        return filled;
    }

    private void checkVersion(RecordContentType type, int version) {
        boolean firstClientHello = server && firstRecord && type == RecordContentType.HANDSHAKE;
        if (version != TlsRecord.TLS_1_2 && !(firstClientHello && version == TlsRecord.TLS_1_0)) {
            throw new ProtocolException(Failure.UNSUPPORTED_VERSION,
                    String.format("record version 0x%04x; TLS 1.3 records say 0x0303", version));
        }
    }

    private static void checkLength(RecordContentType type, int length) {
        int max = type == RecordContentType.APPLICATION_DATA ? TlsRecord.MAX_CIPHERTEXT : TlsRecord.MAX_PLAINTEXT;
        if (length > max) {
            throw new ProtocolException(Failure.RECORD_OVERFLOW,
                    "a " + type.rfcName() + " record of " + length + " bytes; at most " + max + " allowed");
        }
        if (length == 0 && type != RecordContentType.APPLICATION_DATA) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "an empty " + type.rfcName() + " record");
        }
    }

    private static ProtocolException truncated(String what) {
        return new ProtocolException(Failure.TRUNCATED, "the stream ended after " + what);
    }
}
