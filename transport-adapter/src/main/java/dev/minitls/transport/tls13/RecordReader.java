package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.tls13.RecordContentType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads records from a byte stream (RFC 8446 section 5.1), checking each header before reading a byte of its
 * fragment, so at most 5 + 2^14 + 256 bytes are ever taken for one record:
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
 * read may wait is the stream's business (the socket's timeout). After any failure the position is lost: close it.
 */
public final class RecordReader {

    private final InputStream in;
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
        int headerRead = in.readNBytes(header, 0, header.length);
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
        // Read straight into the fragment's own array (readNBytes(length) gathers it in 8 KiB pieces and copies).
        byte[] fragment = new byte[length];
        int read = in.readNBytes(fragment, 0, length);
        if (read < length) {
            throw truncated(read + " of the " + length + " bytes of a " + type.rfcName() + " record");
        }
        if (type == RecordContentType.CHANGE_CIPHER_SPEC && !Arrays.equals(fragment, new byte[] {1})) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "a change_cipher_spec record holds 0x01 only");
        }
        firstRecord = false;
        return new TlsRecord(type, version, fragment);
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
