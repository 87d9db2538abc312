package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.tls13.RecordContentType;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a protected record holds once decrypted (TLSInnerPlaintext, RFC 8446 section 5.2): the content, its real
 * content type, then any number of zero bytes of padding, which hide the content's length.
 *
 * @param type alert, handshake or application_data
 * @param content the content, without type and padding
 */
public record InnerPlaintext(RecordContentType type, byte[] content) {

    /** The most an inner plaintext may hold: 2^14 bytes of content and the type byte (padding included). */
    public static final int MAX_LENGTH = TlsRecord.MAX_PLAINTEXT + 1;

    public InnerPlaintext {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        if (type == RecordContentType.CHANGE_CIPHER_SPEC) {
            throw new IllegalArgumentException("change_cipher_spec is never protected");
        }
    }

    /**
     * content || type || {@code padding} zero bytes, at most {@link #MAX_LENGTH} bytes in all, after {@code before}
     * zero bytes and before {@code after} more: a protected record is built in one array, its header first, then the
     * inner plaintext, sealed in place, then the tag.
     */
    byte[] encode(int before, int padding, int after) {
        if (padding < 0 || content.length + 1 + padding > MAX_LENGTH) {
            throw new IllegalArgumentException("content of " + content.length + " bytes with " + padding
                    + " bytes of padding exceeds " + MAX_LENGTH + " bytes");
        }
        byte[] inner = new byte[before + content.length + 1 + padding + after];
        System.arraycopy(content, 0, inner, before, content.length);
        inner[before + content.length] = (byte) type.code();
        return inner;
    }

    /**
     * Strips the padding and reads the type: an inner plaintext longer than {@link #MAX_LENGTH} is
     * {@code record_overflow}; one of zeros only, or whose type is not alert, handshake or application_data, is
     * {@code unexpected_message}.
     */
    public static InnerPlaintext decode(byte[] inner) {
        return decode(inner, inner.length);
    }

    /** {@link #decode(byte[])} of the first {@code length} bytes of {@code inner}. */
    static InnerPlaintext decode(byte[] inner, int length) {
        if (length > MAX_LENGTH) {
            throw new ProtocolException(Failure.RECORD_OVERFLOW,
                    "a decrypted record of " + length + " bytes; at most " + MAX_LENGTH + " allowed");
        }
        int typeAt = length - 1;
        while (typeAt >= 0 && inner[typeAt] == 0) {
            typeAt--;
        }
        if (typeAt < 0) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE, "a decrypted record of zeros only, no type");
        }
        int code = inner[typeAt] & 0xFF;
        RecordContentType type = RecordContentType.fromCode(code)
                .filter(found -> found != RecordContentType.CHANGE_CIPHER_SPEC)
                .orElseThrow(() -> new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                        "a protected record of content type " + code));
        return new InnerPlaintext(type, Arrays.copyOf(inner, typeAt));
    }
}
