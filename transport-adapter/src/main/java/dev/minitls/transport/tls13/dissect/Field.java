package dev.minitls.transport.tls13.dissect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One field of dissected TLS bytes: its RFC 8446 name, where it starts, its exact bytes, what they mean in words
 * (empty when the name says it all) and the fields it is made of, in order. A field without children is a leaf; a
 * field with children is a structure (a record, a message, a vector) whose bytes are theirs together.
 *
 * <p>{@link #offset()} counts from the start of the field's {@link Space}: the captured stream, or, for what is
 * inside a decrypted record, the record's plaintext. The tree is built as the bytes are read, so after a decode
 * error it holds every field read before it.
 */
public final class Field {

    /** What a field's offset counts from. */
    public enum Space {
        /** The captured stream, as given. */
        STREAM,
        /** The plaintext of the decrypted record the field is in. */
        PLAINTEXT,
        /** A handshake message that was split across records, as reassembled. */
        MESSAGE,
        /** A value computed from the keys (a nonce), not read from the bytes: its offset means nothing. */
        COMPUTED
    }

    private final String name;
    private final Space space;
    private final int offset;
    private final byte[] bytes;
    private final String meaning;
    private final List<Field> children = new ArrayList<>();

    Field(String name, Space space, int offset, byte[] bytes, String meaning) {
        this.name = Objects.requireNonNull(name, "name");
        this.space = Objects.requireNonNull(space, "space");
        this.offset = offset;
        this.bytes = bytes.clone();
        this.meaning = Objects.requireNonNull(meaning, "meaning");
    }

    public String name() {
        return name;
    }

    public Space space() {
        return space;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return bytes.length;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes in words, e.g. {@code TLS_AES_128_GCM_SHA256}; empty when there is nothing to add to the name. */
    public String meaning() {
        return meaning;
    }

    public List<Field> children() {
        return Collections.unmodifiableList(children);
    }

    /** The first child named {@code childName}, for tests and tools that look for one field. */
    public java.util.Optional<Field> child(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst();
    }

    Field add(Field child) {
        children.add(child);
        return child;
    }

    @Override
    public String toString() {
        return name + "@" + offset + "+" + bytes.length + (meaning.isEmpty() ? "" : " " + meaning);
    }
}
