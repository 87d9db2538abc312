package dev.minitls.domain.record;

/** Limits of the record layer. */
public final class RecordLimits {

    /** At most 16 KiB of plaintext per record, as in TLS 1.3 (RFC 8446 section 5.1). */
    public static final int MAX_PLAINTEXT = 16 * 1024;

    /**
     * At most 2^24 records under one key. RFC 8446 section 5.5 allows about 2^24.5 full-size AES-GCM records per
     * key; this stays safely below. A sender that reaches it stops with {@code SEQUENCE_EXHAUSTED};
     * a receiver refuses a record beyond it with {@code UNEXPECTED_SEQUENCE}.
     */
    public static final long MAX_RECORDS_PER_KEY = 1L << 24;

    private RecordLimits() {
    }
}
