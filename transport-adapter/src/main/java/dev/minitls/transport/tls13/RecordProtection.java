package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.port.Aead;
import dev.minitls.domain.port.CryptoException;
import dev.minitls.domain.record.Nonces;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.tls13.RecordContentType;
import java.util.Arrays;

/**
 * Protects the records of one direction under one traffic key (RFC 8446 section 5.2), with any AEAD of the crypto
 * port whose tag is 16 bytes (the three TLS 1.3 suites'): nonce = iv XOR the record's sequence number, which
 * starts at 0 and counts every record under this key; associated data = the record's 5-byte header. Each side
 * keeps one instance to seal with and one to open with, and replaces them at each key change, {@link #destroy()
 * destroying} the old one. Its methods are synchronized, so that a destroy from another thread (the session closed)
 * waits for a record being sealed or opened and every later use is an {@link IllegalStateException}.
 *
 * <p>At most {@link RecordLimits#MAX_RECORDS_PER_KEY} records pass under one key: sealing more is
 * {@code SEQUENCE_EXHAUSTED} (the sender must update its key first, see {@link #remaining()}), and a record beyond
 * it is refused as out of sequence.
 */
public final class RecordProtection {

    private final Aead aead;
    private final byte[] iv;
    private long sequence;
    private boolean destroyed;

    public RecordProtection(Aead aead, byte[] iv) {
        if (iv.length != Aead.NONCE_LENGTH) {
            throw new IllegalArgumentException("the iv is " + Aead.NONCE_LENGTH + " bytes, not " + iv.length);
        }
        this.aead = aead;
        this.iv = iv.clone();
    }

    /** How many more records this key may protect. */
    public synchronized long remaining() {
        return RecordLimits.MAX_RECORDS_PER_KEY - sequence;
    }

    /**
     * The next protected record, as it goes on the wire: {@code inner} with {@code padding} zero bytes, encrypted,
     * after its header. It is built and sealed in one array.
     */
    public synchronized byte[] seal(InnerPlaintext inner, int padding) {
        checkLive();
        if (remaining() <= 0) {
            throw new ProtocolException(Failure.SEQUENCE_EXHAUSTED,
                    "sealed " + sequence + " records under one key; it must be updated first");
        }
        byte[] wire = inner.encode(TlsRecord.HEADER_LENGTH, padding, Aead.TAG_LENGTH);
        int plaintextLength = wire.length - TlsRecord.HEADER_LENGTH - Aead.TAG_LENGTH;
        byte[] header = TlsRecord.header(RecordContentType.APPLICATION_DATA, TlsRecord.TLS_1_2,
                wire.length - TlsRecord.HEADER_LENGTH);
        System.arraycopy(header, 0, wire, 0, header.length);
        // The sequence number is spent before sealing: a seal that fails never leaves its nonce to the next record.
        long current = sequence++;
        aead.sealInPlace(Nonces.forSequence(iv, current), header, wire, TlsRecord.HEADER_LENGTH, plaintextLength);
        return wire;
    }

    /**
     * Decrypts the next record, in place: {@code record}'s fragment is overwritten with its plaintext, and the record
     * is spent. A record that is not application_data on the outside is
     * {@code unexpected_message}; one that fails authentication (or is too short to hold a tag) is
     * {@code bad_record_mac}; then the inner plaintext is read as {@link InnerPlaintext#decode} says.
     */
    public synchronized InnerPlaintext open(TlsRecord record) {
        checkLive();
        if (record.type() != RecordContentType.APPLICATION_DATA) {
            throw new ProtocolException(Failure.UNEXPECTED_MESSAGE,
                    "a clear " + record.type().rfcName() + " record where a protected one was due");
        }
        if (remaining() <= 0) {
            throw new ProtocolException(Failure.UNEXPECTED_SEQUENCE,
                    "record " + sequence + " is beyond the limit of records under one key");
        }
        if (record.fragment().length < Aead.TAG_LENGTH) {
            throw new ProtocolException(Failure.BAD_RECORD_MAC,
                    "a protected record of " + record.fragment().length + " bytes is too short for a tag");
        }
        byte[] fragment = record.fragment();
        int plaintextLength;
        try {
            plaintextLength = aead.openInPlace(Nonces.forSequence(iv, sequence), record.header(), fragment, 0,
                    fragment.length);
        } catch (CryptoException e) {
            throw new ProtocolException(Failure.BAD_RECORD_MAC, "record " + sequence + " failed authentication");
        }
        sequence++;
        return InnerPlaintext.decode(fragment, plaintextLength);
    }

    /**
     * Wipes the IV and destroys the AEAD with its key: the key was replaced or the connection is over. Every later
     * {@link #seal} or {@link #open} is an {@link IllegalStateException}; destroying twice does nothing.
     */
    public synchronized void destroy() {
        destroyed = true;
        Arrays.fill(iv, (byte) 0);
        aead.destroy();
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("this record key was destroyed");
        }
    }
}
