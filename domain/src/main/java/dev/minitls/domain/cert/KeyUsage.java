package dev.minitls.domain.cert;

/** The bits of the X.509 KeyUsage extension (RFC 5280 section 4.2.1.3), in the order of their bit numbers. */
public enum KeyUsage {
    DIGITAL_SIGNATURE,
    NON_REPUDIATION,
    KEY_ENCIPHERMENT,
    DATA_ENCIPHERMENT,
    KEY_AGREEMENT,
    KEY_CERT_SIGN,
    CRL_SIGN,
    ENCIPHER_ONLY,
    DECIPHER_ONLY;

    /** The bit's number in the extension's BIT STRING: 0 for digitalSignature up to 8 for decipherOnly. */
    public int bit() {
        return ordinal();
    }
}
