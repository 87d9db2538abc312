package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the presentation language of RFC 8446 section 3 (big-endian integers, vectors with a length prefix) from
 * a byte array, never past its end: a length that claims more bytes than there are, or one outside the vector's
 * bounds, is {@code decode_error}. Errors start with what is being read, e.g. {@code ClientHello: ...}.
 */
final class WireReader {

    private final String what;
    private final byte[] bytes;
    private int position;
    private final int end;

    WireReader(String what, byte[] bytes) {
        this(what, bytes, 0, bytes.length);
    }

    private WireReader(String what, byte[] bytes, int position, int end) {
        this.what = what;
        this.bytes = bytes;
        this.position = position;
        this.end = end;
    }

    int u8(String field) {
        return take(field, 1)[0] & 0xFF;
    }

    int u16(String field) {
        byte[] b = take(field, 2);
        return (b[0] & 0xFF) << 8 | b[1] & 0xFF;
    }

    int u24(String field) {
        byte[] b = take(field, 3);
        return (b[0] & 0xFF) << 16 | (b[1] & 0xFF) << 8 | b[2] & 0xFF;
    }

    long u32(String field) {
        byte[] b = take(field, 4);
        return (long) (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    /** Exactly {@code length} bytes. */
    byte[] fixed(String field, int length) {
        return take(field, length);
    }

    /** A vector {@code <min..max>} whose length is written in {@code lengthBytes} bytes (1, 2 or 3). */
    byte[] opaque(String field, int lengthBytes, int min, int max) {
        int length = length(field, lengthBytes);
        if (length < min || length > max) {
            throw malformed(field + " is " + length + " bytes long, outside " + min + ".." + max);
        }
        return take(field, length);
    }

    /** The contents of a vector {@code <min..max>} of items {@code itemSize} bytes each, as a reader of their own. */
    WireReader vector(String field, int lengthBytes, int min, int max, int itemSize) {
        byte[] contents = opaque(field, lengthBytes, min, max);
        if (contents.length % itemSize != 0) {
            throw malformed(field + " is " + contents.length + " bytes long, not a multiple of " + itemSize);
        }
        return new WireReader(what, contents);
    }

    /** Reads items with {@code item} until no byte is left: the contents of a vector, item by item. */
    <T> List<T> each(Function<WireReader, T> item) {
        List<T> items = new ArrayList<>();
        while (hasMore()) {
            items.add(item.apply(this));
        }
        return items;
    }

    boolean hasMore() {
        return position < end;
    }

    /** Fails unless every byte has been read. */
    void expectEnd(String after) {
        if (position != end) {
            throw malformed((end - position) + " bytes left over after " + after);
        }
    }

    ProtocolException malformed(String detail) {
        return new ProtocolException(Failure.MALFORMED_MESSAGE, what + ": " + detail);
    }

    ProtocolException illegal(String detail) {
        return new ProtocolException(Failure.ILLEGAL_PARAMETER, what + ": " + detail);
    }

    private int length(String field, int lengthBytes) {
        return switch (lengthBytes) {
            case 1 -> u8(field + " length");
            case 2 -> u16(field + " length");
            case 3 -> u24(field + " length");
            default -> throw new IllegalArgumentException("a length takes 1 to 3 bytes, not " + lengthBytes);
        };
    }

    private byte[] take(String field, int length) {
        if (length > end - position) {
            throw malformed(field + " needs " + length + " bytes, only " + (end - position) + " left");
        }
        byte[] taken = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return taken;
    }
}
