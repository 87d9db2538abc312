package dev.minitls.transport.tls13.dissect;

/** A decode error while reading one space of bytes; the {@link Dissector} turns it into a {@link DecodeError}. */
final class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Field.Space space;
    private final int offset;

    DecodeException(Field.Space space, int offset, String reason) {
        super(reason, null, false, false);
        this.space = space;
        this.offset = offset;
    }

    /** What {@link #offset()} counts from. */
    Field.Space space() {
        return space;
    }

    /** The offset within the space being read. */
    int offset() {
        return offset;
    }
}
