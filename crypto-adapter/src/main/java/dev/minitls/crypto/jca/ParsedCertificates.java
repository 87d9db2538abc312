package dev.minitls.crypto.jca;

import dev.minitls.crypto.BoundedMemo;
import dev.minitls.domain.cert.Certificate;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Certificates parsed lately, kept by their exact DER for the next parse of the same bytes. A client parses the
 * server's certificate on every handshake, and turning the JDK's {@code X509Certificate} into the domain's
 * {@link Certificate} (names, extensions, the strict-DER checks) is most of that work; the JDK's own certificate
 * factory keeps what it parsed the same way.
 *
 * <p>Every caller gets a certificate of its own: a {@link Certificate}'s accessors hand out its arrays, and what one
 * connection (or an observer it tells) does to them must not reach another. The kept certificate shares no array
 * with any caller, the input's included. Only certificates that parsed are kept: a malformed one is refused again
 * on each parse. At most {@link #MAX_CERTIFICATES} certificates of at most {@link #MAX_DER} bytes are kept; past
 * that the cache starts over, so a peer sending ever new certificates costs nothing but the parsing. Thread-safe.
 */
final class ParsedCertificates {

    static final int MAX_CERTIFICATES = 64;
    /** Longer certificates are parsed every time (a real one is 1 to 2 KB). */
    static final int MAX_DER = 16 * 1024;

    private final BoundedMemo<Certificate> kept = new BoundedMemo<>(MAX_CERTIFICATES);
    private final Function<byte[], Certificate> parser;

    /** @param parser parses one DER certificate, or throws; it may keep the array it is given in its result */
    ParsedCertificates(Function<byte[], Certificate> parser) {
        this.parser = parser;
    }

    /** The certificate {@code der} encodes, as {@code parser} gives it, in arrays of its own. */
    Certificate parse(byte[] der) {
        if (der.length > MAX_DER) {
            return parser.apply(der);
        }
        Certificate known = kept.get(ByteBuffer.wrap(der));
        if (known != null) {
            return withOwnArrays(known);
        }
        Certificate parsed = parser.apply(der);
        Certificate keep = withOwnArrays(parsed);
        kept.keep(ByteBuffer.wrap(keep.der()), keep);
        return parsed;
    }

    /** {@code certificate} with copies of its arrays; the rest of it cannot be changed. */
    private static Certificate withOwnArrays(Certificate certificate) {
        return new Certificate(certificate.der().clone(), certificate.tbsCertificate().clone(),
                certificate.signatureAlgorithm(), certificate.signature().clone(), certificate.version(),
                certificate.serialNumber(), certificate.subject().clone(), certificate.subjectText(),
                certificate.issuer().clone(), certificate.issuerText(), certificate.commonName(),
                certificate.dnsNames(), certificate.notBefore(), certificate.notAfter(), certificate.keyAlgorithm(),
                certificate.publicKey().clone(), certificate.keyBits(), certificate.basicConstraintsCa(),
                certificate.pathLenConstraint(), certificate.keyUsage(), certificate.extendedKeyUsage(),
                certificate.extensions());
    }
}
