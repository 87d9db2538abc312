package dev.minitls.transport.tls13.dissect;

import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.record.Nonces;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.HandshakeType;
import dev.minitls.domain.tls13.RecordContentType;
import dev.minitls.transport.tls13.HandshakeCodec;
import dev.minitls.transport.tls13.HandshakeReassembler;
import dev.minitls.transport.tls13.InnerPlaintext;
import dev.minitls.transport.tls13.TlsRecord;
import dev.minitls.transport.tls13.dissect.Field.Space;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Dissects a captured TLS 1.3 stream of one direction, record by record (RFC 8446 section 5): each record's header
 * (type, legacy_record_version, length); a clear record's handshake messages, alert or change_cipher_spec; a
 * protected record's ciphertext and tag and, when the {@link KeySource} has the keys, the nonce (write_iv XOR the
 * sequence number), the decrypted TLSInnerPlaintext with its real content type and padding, and what it holds.
 * Handshake messages split across records or coalesced in one are cut apart as the record layer does
 * ({@link HandshakeReassembler}'s rules: at most {@value HandshakeReassembler#MAX_MESSAGE} bytes of body, no message
 * across a key change), and each is dissected field by field ({@link Messages}).
 *
 * <p>A direction's protected records are under its handshake traffic keys until its Finished, under its first
 * application traffic keys after it; after a KeyUpdate they are shown encrypted. The checks are those of
 * {@code RecordReader}: a malformed stream is never repaired, and the dissection stops at the first error, which
 * says where (the byte offset in the stream) and why. Nothing but a {@link DecodeError} comes out of bad bytes.
 */
public final class Dissector {

    private static final int TAG_LENGTH = Aead.TAG_LENGTH;

    private final byte[] stream;
    private final Hellos known;
    private final KeySource keySource;
    private final Field root;
    private Hellos own = Hellos.NONE;
    private Direction direction;
    private Epoch epoch = Epoch.HANDSHAKE;
    private boolean keysUpdated;
    private Optional<Decryption> keys;
    private long sequence;
    private int recordAt;
    private int recordCount;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int pendingRecords;
    private boolean pendingDecrypted;

    private Dissector(byte[] stream, Hellos known, KeySource keySource) {
        this.stream = stream.clone();
        this.known = known;
        this.keySource = keySource;
        this.root = new Field("stream", Space.STREAM, 0, new byte[0], "");
    }

    /**
     * Dissects {@code stream}, a whole captured stream of one direction.
     *
     * @param known what the other direction's hellos said (its client random or suite), for the keys
     * @param keys where the keys of protected records come from ({@link KeySource#NONE}: shown encrypted)
     */
    public static Dissection dissect(byte[] stream, Hellos known, KeySource keys) {
        return new Dissector(stream, known, keys).run();
    }

    private Dissection run() {
        Cursor in = new Cursor(stream, 0, stream.length, 0, Space.STREAM, root);
        Optional<DecodeError> error = Optional.empty();
        try {
            while (in.hasMore()) {
                record(in);
            }
            if (pending.size() > 0) {
                throw new DecodeException(Space.STREAM, stream.length, "the stream ends inside a handshake message: "
                        + pending.size() + " of its bytes came in the last " + pendingRecords + " record(s)");
            }
        } catch (DecodeException e) {
            error = Optional.of(located(e));
        }
        return new Dissection(Optional.ofNullable(direction), root.children(), own, error);
    }

    /** The error with its offset in the stream: a byte inside a decrypted record is told by its record. */
    private DecodeError located(DecodeException e) {
        return switch (e.space()) {
            case STREAM -> new DecodeError(e.offset(), e.getMessage());
            case PLAINTEXT -> new DecodeError(recordAt, "in the decrypted record at byte " + recordAt
                    + ", at byte " + e.offset() + " of its plaintext: " + e.getMessage());
            case MESSAGE, COMPUTED -> new DecodeError(recordAt, "in the handshake message completed by the record"
                    + " at byte " + recordAt + ", at byte " + e.offset() + " of the message: " + e.getMessage());
        };
    }

    private void record(Cursor in) {
        recordAt = in.offset();
        recordCount++;
        if (in.remaining() < TlsRecord.HEADER_LENGTH) {
            throw in.error("the stream ends inside a record header: " + in.remaining() + " of its "
                    + TlsRecord.HEADER_LENGTH + " bytes");
        }
        int code = in.peekNumber(0, 1);
        boolean isProtected = code == RecordContentType.APPLICATION_DATA.code();
        Cursor record = in.prefixed(isProtected ? "TLSCiphertext" : "TLSPlaintext", TlsRecord.HEADER_LENGTH, 2,
                "record " + recordCount);
        RecordContentType type = contentType(record);
        int version = record.u16("legacy_record_version", Names::version);
        if (version != TlsRecord.TLS_1_2 && !(version == TlsRecord.TLS_1_0 && recordCount == 1
                && type == RecordContentType.HANDSHAKE)) {
            throw record.error(record.offset() - 2, String.format("legacy_record_version 0x%04x; TLS 1.3 records"
                    + " say 0x0303 (a first ClientHello's record may say 0x0301)", version));
        }
        int lengthAt = record.offset();
        int length = record.u16("length", value -> value + " bytes");
        int max = isProtected ? TlsRecord.MAX_CIPHERTEXT : TlsRecord.MAX_PLAINTEXT;
        if (length > max) {
            throw record.error(lengthAt, "a " + type.rfcName() + " record of " + length + " bytes; at most " + max
                    + " allowed");
        }
        if (length == 0 && !isProtected) {
            throw record.error(lengthAt, "an empty " + type.rfcName() + " record");
        }
        if (record.remaining() < length) {
            throw record.error("the stream ends inside the record: its length says " + length + " bytes, only "
                    + record.remaining() + " are left");
        }
        switch (type) {
            case CHANGE_CIPHER_SPEC -> record.fixed("change_cipher_spec", length, bytes -> {
                if (bytes.length != 1 || bytes[0] != 1) {
                    throw record.error("a change_cipher_spec record holds the one byte 0x01");
                }
                return "sent for middleboxes' sake and ignored (RFC 8446 appendix D.4)";
            });
            case ALERT -> alert(record);
            case HANDSHAKE -> handshake(record, false);
            case APPLICATION_DATA -> protectedRecord(record, length);
        }
    }

    private static RecordContentType contentType(Cursor record) {
        int code = record.peekNumber(0, 1);
        RecordContentType type = RecordContentType.fromCode(code).orElseThrow(() -> record.error(
                "content type " + code + "; a TLS 1.3 record is change_cipher_spec (20), alert (21), handshake (22)"
                        + " or application_data (23)"));
        record.u8("type", value -> value + " " + type.rfcName());
        return type;
    }

    private static void alert(Cursor content) {
        content.u8("level", Names::alertLevel);
        content.u8("description", Names::alertDescription);
        content.expectEnd("the alert");
    }

    /** A protected record: ciphertext and tag, then, with keys, the nonce and the decrypted inner plaintext. */
    private void protectedRecord(Cursor record, int length) {
        if (length < TAG_LENGTH) {
            throw record.error("a protected record of " + length + " bytes is too short for its " + TAG_LENGTH
                    + "-byte tag");
        }
        byte[] whole = record.into().bytes();
        byte[] header = Arrays.copyOf(whole, TlsRecord.HEADER_LENGTH);
        byte[] ciphertext = Arrays.copyOfRange(whole, TlsRecord.HEADER_LENGTH, whole.length);
        record.fixed("encrypted_record", length - TAG_LENGTH, "the inner plaintext, encrypted");
        record.fixed("tag", TAG_LENGTH, "the AEAD's authentication tag");
        Optional<Decryption> decryption = currentKeys();
        if (decryption.isEmpty()) {
            record.into().add(new Field("not decrypted", Space.COMPUTED, 0, new byte[0], keysUpdated
                    ? "after a KeyUpdate, under a traffic secret no key log line gives"
                    : "no key for the " + (direction == null ? "" : direction + " ") + epochName()));
            return;
        }
        Decryption with = decryption.get();
        byte[] nonce = Nonces.forSequence(with.iv(), sequence);
        Field computed = record.into().add(new Field("decryption", Space.COMPUTED, 0, new byte[0],
                "record " + sequence + " under " + with.secretName()));
        computed.add(new Field("write_iv", Space.COMPUTED, 0, with.iv(), "from " + with.secretName()));
        computed.add(new Field("sequence number", Space.COMPUTED, 0,
                ByteBuffer.allocate(Long.BYTES).putLong(sequence).array(), Long.toString(sequence)));
        computed.add(new Field("nonce", Space.COMPUTED, 0, nonce, "write_iv XOR the sequence number"));
        computed.add(new Field("additional_data", Space.COMPUTED, 0, header, "the record header"));
        byte[] plaintext;
        try {
            plaintext = with.aead().open(nonce, header, ciphertext);
        } catch (CryptoException e) {
            throw new DecodeException(Space.STREAM, recordAt, "the record failed authentication under "
                    + with.secretName() + " (sequence number " + sequence + "): the key log's secret is not this"
                    + " connection's, or the record was changed");
        }
        sequence++;
        inner(computed, plaintext);
    }

    private void inner(Field computed, byte[] plaintext) {
        InnerPlaintext inner;
        try {
            inner = InnerPlaintext.decode(plaintext);
        } catch (ProtocolException e) {
            throw new DecodeException(Space.STREAM, recordAt, "the decrypted record: " + e.getMessage());
        }
        Field holder = computed.add(new Field("TLSInnerPlaintext", Space.PLAINTEXT, 0, plaintext, "decrypted"));
        Cursor in = new Cursor(plaintext, 0, plaintext.length, 0, Space.PLAINTEXT, holder);
        int padding = plaintext.length - inner.content().length - 1;
        Cursor content = in.structure("content", inner.content().length, inner.type().rfcName());
        in.u8("type", value -> value + " " + inner.type().rfcName() + ": the real content type");
        if (padding > 0) {
            in.fixed("zeros", padding, padding + " bytes of padding");
        }
        switch (inner.type()) {
            case ALERT -> alert(content);
            case HANDSHAKE -> handshake(content, true);
            default -> content.rest("application_data", Dissector::applicationData);
        }
    }

    private static String applicationData(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        boolean printable = text.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c == '\n' || c == '\r'
                || c == '\t');
        return data.length + " bytes" + (printable && data.length > 0 ? ": " + PeerText.quote(text) : "");
    }

    private Optional<Decryption> currentKeys() {
        if (keysUpdated || direction == null) {
            return Optional.empty();
        }
        if (keys == null) {
            keys = keySource.keys(direction, epoch, own.and(known));
        }
        return keys;
    }

    private String epochName() {
        return epoch == Epoch.HANDSHAKE ? "handshake traffic secret" : "application traffic secret";
    }

    /**
     * The handshake bytes of one record: the whole messages in it dissected in place, a piece of a message split
     * across records shown as a fragment and the message dissected once its last piece came.
     */
    private void handshake(Cursor content, boolean decrypted) {
        if (!content.hasMore()) {
            throw content.error("an empty handshake record");
        }
        if (pending.size() > 0 && pendingDecrypted != decrypted) {
            throw content.error("a handshake message began in a " + (decrypted ? "clear" : "protected")
                    + " record and goes on in a " + (decrypted ? "protected" : "clear") + " one: a message may not"
                    + " span a key change");
        }
        while (content.hasMore()) {
            boolean keysChange;
            if (pending.size() == 0) {
                int body = content.peekNumber(1, 3);
                checkMessageLength(content, body, content.offset());
                if (body >= 0 && content.remaining() >= HandshakeCodec.HEADER_LENGTH + body) {
                    keysChange = messageDone(Messages.message(content.span(HandshakeCodec.HEADER_LENGTH + body)),
                            decrypted);
                } else {
                    pendingRecords = 0;
                    pendingDecrypted = decrypted;
                    keysChange = continued(content, decrypted);
                }
            } else {
                keysChange = continued(content, decrypted);
            }
            if (keysChange && content.hasMore()) {
                throw content.error(content.remaining() + " bytes after a message the keys change after: a message"
                        + " may not span a key change (RFC 8446 section 5.1)");
            }
        }
    }

    /**
     * A piece of a message that spans records: kept, and the message dissected when it is whole.
     *
     * @return whether the keys change after the message this piece completed
     */
    private boolean continued(Cursor content, boolean decrypted) {
        int have = pending.size();
        byte[] header = new byte[HandshakeCodec.HEADER_LENGTH];
        System.arraycopy(pending.toByteArray(), 0, header, 0, Math.min(have, header.length));
        for (int i = have; i < header.length && i - have < content.remaining(); i++) {
            header[i] = (byte) content.peekNumber(i - have, 1);
        }
        boolean headerKnown = have + content.remaining() >= HandshakeCodec.HEADER_LENGTH;
        int body = (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        if (headerKnown) {
            checkMessageLength(content, body, have >= HandshakeCodec.HEADER_LENGTH ? content.offset()
                    : content.offset() - have);
        }
        int take = headerKnown ? Math.min(content.remaining(), HandshakeCodec.HEADER_LENGTH + body - have)
                : content.remaining();
        byte[] piece = content.fixed("handshake fragment", take, "bytes " + have + " to " + (have + take - 1)
                + " of a handshake message split across records");
        pending.writeBytes(piece);
        pendingRecords++;
        if (!headerKnown || pending.size() < HandshakeCodec.HEADER_LENGTH + body) {
            return false;
        }
        byte[] whole = pending.toByteArray();
        pending.reset();
        Field reassembled = content.into().add(new Field("reassembled", Space.MESSAGE, 0, whole,
                "from " + pendingRecords + " records"));
        return messageDone(Messages.message(new Cursor(whole, 0, whole.length, 0, Space.MESSAGE, reassembled)),
                decrypted);
    }

    private static void checkMessageLength(Cursor content, int body, int at) {
        if (body > HandshakeReassembler.MAX_MESSAGE) {
            throw content.error(at, "a handshake message of " + body + " bytes; at most "
                    + HandshakeReassembler.MAX_MESSAGE + " accepted");
        }
    }

    /**
     * What a whole message changes: the direction, the hellos, the keys.
     *
     * @return whether the keys change after it (a protected Finished or KeyUpdate)
     */
    private boolean messageDone(Field message, boolean decrypted) {
        byte[] bytes = message.bytes();
        int type = bytes[0] & 0xFF;
        if (type == HandshakeType.CLIENT_HELLO.code()) {
            sentBy(Direction.CLIENT, message);
            if (own.clientRandom().isEmpty()) {
                own = own.withClientRandom(message.child("random").orElseThrow().bytes());
            }
        } else if (type == HandshakeType.SERVER_HELLO.code()) {
            sentBy(Direction.SERVER, message);
            byte[] suite = message.child("cipher_suite").orElseThrow().bytes();
            own = own.withSuite(new CipherSuite((suite[0] & 0xFF) << 8 | suite[1] & 0xFF));
        } else if (decrypted && type == HandshakeType.FINISHED.code() && epoch == Epoch.HANDSHAKE) {
            epoch = Epoch.APPLICATION;
            keyChange();
            return true;
        } else if (decrypted && type == HandshakeType.KEY_UPDATE.code()) {
            keysUpdated = true;
            keyChange();
            return true;
        }
        return false;
    }

    private void sentBy(Direction sender, Field message) {
        if (direction != null && direction != sender) {
            throw new DecodeException(message.space(), message.offset(), "a " + message.name() + " in the "
                    + direction + "'s stream: a capture holds one direction only");
        }
        direction = sender;
    }

    private void keyChange() {
        keys = null;
        sequence = 0;
    }
}
