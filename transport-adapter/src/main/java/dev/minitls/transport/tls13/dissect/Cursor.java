package dev.minitls.transport.tls13.dissect;

import dev.minitls.transport.tls13.dissect.Field.Space;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * Reads RFC 8446's presentation language (big-endian integers, vectors with a length prefix) from a span of bytes,
 * adding a {@link Field} for each thing it reads to the structure it reads into, never past the span's end: a
 * length that claims more bytes than there are, or one outside the vector's bounds, is a {@link DecodeException}
 * at the offset of that length.
 */
final class Cursor {

    private final byte[] data;
    private final int end;
    private final int base;
    private final Space space;
    private final Field into;
    private int position;

    /**
     * @param data the bytes of the whole space, or of a piece of it that starts at {@code base}
     * @param base the offset of {@code data[0]} in its space
     */
    Cursor(byte[] data, int from, int end, int base, Space space, Field into) {
        this.data = data;
        this.position = from;
        this.end = end;
        this.base = base;
        this.space = space;
        this.into = into;
    }

    /** The offset in the space of the next byte to read. */
    int offset() {
        return base + position;
    }

    int remaining() {
        return end - position;
    }

    boolean hasMore() {
        return position < end;
    }

    /** An error at the next byte to read. */
    DecodeException error(String reason) {
        return new DecodeException(space, offset(), reason);
    }

    /** An error at {@code at}, an offset in this cursor's space. */
    DecodeException error(int at, String reason) {
        return new DecodeException(space, at, reason);
    }

    Field into() {
        return into;
    }

    int u8(String name, IntFunction<String> meaning) {
        return (int) number(name, 1, meaning);
    }

    int u16(String name, IntFunction<String> meaning) {
        return (int) number(name, 2, meaning);
    }

    int u24(String name, IntFunction<String> meaning) {
        return (int) number(name, 3, meaning);
    }

    long u32(String name, LongFunction<String> meaning) {
        byte[] b = peek(name, 4);
        long value = (long) (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
        leaf(name, 4, meaning.apply(value));
        return value;
    }

    /** Exactly {@code length} bytes as one leaf. */
    byte[] fixed(String name, int length, String meaning) {
        return fixed(name, length, bytes -> meaning);
    }

    /** Exactly {@code length} bytes as one leaf, whose meaning depends on them. */
    byte[] fixed(String name, int length, Function<byte[], String> meaning) {
        return leaf(name, length, meaning.apply(peek(name, length))).bytes();
    }

    /**
     * The number in {@code length} bytes starting {@code skip} bytes ahead, without reading it; -1 when the span
     * ends before. For sizing a structure by the length field inside it.
     */
    int peekNumber(int skip, int length) {
        if (skip + length > remaining()) {
            return -1;
        }
        int value = 0;
        for (int i = position + skip; i < position + skip + length; i++) {
            value = value << 8 | data[i] & 0xFF;
        }
        return value;
    }

    /**
     * A structure that begins with {@code headerLength} bytes, the last {@code lengthBytes} of which give the
     * length of what follows; what its header does not cover, or what the span lacks, the reads inside it report.
     */
    Cursor prefixed(String name, int headerLength, int lengthBytes, String meaning) {
        int length = peekNumber(headerLength - lengthBytes, lengthBytes);
        return structure(name, length < 0 ? remaining() : Math.min(remaining(), headerLength + length), meaning);
    }

    /** Exactly {@code length} bytes as a structure of their own, read with the returned cursor. */
    Cursor structure(String name, int length, String meaning) {
        peek(name, length);
        Field field = into.add(field(name, length, meaning));
        Cursor inside = new Cursor(data, position, position + length, base, space, field);
        position += length;
        return inside;
    }

    /**
     * A vector {@code <min..max>} whose length is written in {@code lengthBytes} bytes: a structure holding the
     * length and then the items, read with the returned cursor.
     */
    Cursor vector(String name, int lengthBytes, int min, int max, String meaning) {
        int lengthAt = offset();
        byte[] prefix = peek(name + " length", lengthBytes);
        int length = 0;
        for (byte b : prefix) {
            length = length << 8 | b & 0xFF;
        }
        if (length < min || length > max) {
            throw error(lengthAt, name + " is " + length + " bytes long, outside " + min + ".." + max);
        }
        if (length > remaining() - lengthBytes) {
            throw error(lengthAt, name + " says " + length + " bytes, only "
                    + (remaining() - lengthBytes) + " left");
        }
        Field field = into.add(field(name, lengthBytes + length, meaning));
        Cursor inside = new Cursor(data, position, position + lengthBytes + length, base, space, field);
        position += lengthBytes + length;
        inside.leaf("length", lengthBytes, length + " bytes");
        return inside;
    }

    /**
     * An opaque vector: a structure holding the length and, unless it is empty, the bytes, as a leaf of the same
     * name.
     */
    byte[] opaque(String name, int lengthBytes, int min, int max, Function<byte[], String> meaning) {
        Cursor inside = vector(name, lengthBytes, min, max, "");
        return inside.hasMore() ? inside.rest(name, meaning) : new byte[0];
    }

    /** A vector of items {@code itemSize} bytes each, read one by one with {@code item}. */
    Cursor list(String name, int lengthBytes, int min, int max, int itemSize, Consumer<Cursor> item) {
        int lengthAt = offset();
        Cursor inside = vector(name, lengthBytes, min, max, "");
        if (inside.remaining() % itemSize != 0) {
            throw error(lengthAt, name + " is " + inside.remaining() + " bytes long, not a multiple of "
                    + itemSize);
        }
        inside.each(item);
        return inside;
    }

    /** The next {@code length} bytes as a span of their own, whose fields go where this cursor's go. */
    Cursor span(int length) {
        peek("the next part", length);
        Cursor inside = new Cursor(data, position, position + length, base, space, into);
        position += length;
        return inside;
    }

    /** Reads items with {@code item} until the span is read. */
    void each(Consumer<Cursor> item) {
        while (hasMore()) {
            item.accept(this);
        }
    }

    /** The rest of the span as one leaf. */
    byte[] rest(String name, String meaning) {
        return fixed(name, remaining(), meaning);
    }

    /** The rest of the span as one leaf, whose meaning depends on its bytes. */
    byte[] rest(String name, Function<byte[], String> meaning) {
        return fixed(name, remaining(), meaning);
    }

    /** Fails unless every byte of the span has been read. */
    void expectEnd(String after) {
        if (hasMore()) {
            throw error(remaining() + " bytes left over after " + after);
        }
    }

    private long number(String name, int length, IntFunction<String> meaning) {
        byte[] b = peek(name, length);
        int value = 0;
        for (byte x : b) {
            value = value << 8 | x & 0xFF;
        }
        leaf(name, length, meaning.apply(value));
        return value;
    }

    private Field leaf(String name, int length, String meaning) {
        peek(name, length);
        Field field = into.add(field(name, length, meaning));
        position += length;
        return field;
    }

    private Field field(String name, int length, String meaning) {
        return new Field(name, space, offset(), Arrays.copyOfRange(data, position, position + length), meaning);
    }

    /** The next {@code length} bytes, not yet read; a decode error when the span holds fewer. */
    private byte[] peek(String name, int length) {
        if (length > remaining()) {
            throw error(name + " needs " + length + " bytes, only " + remaining() + " left");
        }
        return Arrays.copyOfRange(data, position, position + length);
    }
}
