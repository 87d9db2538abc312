package dev.minitls.crypto;

import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.port.SignatureAlgorithm;
import java.nio.ByteBuffer;

/**
 * Certificate signatures that verified lately, kept by everything their verification read: the algorithm, the
 * issuer's key, the certificate's tbsCertificate and its signature, byte for byte. A client checks the same server
 * certificate under the same issuer on every handshake with that server; a signature that verified once verifies
 * again, so the next check of exactly those bytes is a look-up. The JDK does the same: its certificate factory
 * keeps the certificates it parsed lately (the same object for the same DER), and each of them remembers the key it
 * was last verified with and the result, which is how JSSE checks the server's certificate only on the first
 * handshake with it.
 *
 * <p>Only successful verifications are kept (the JDK keeps failures too), so a bad signature is verified, and
 * refused, every time. Nothing but public bytes is kept, copied before they are verified (a caller's arrays may
 * change meanwhile, or later). At most {@link #MAX_KEPT} are kept, of at most {@link #MAX_BYTES} bytes each; past
 * that the memo starts over, so a peer sending ever new certificates costs nothing but their verification. Only what
 * the path validation verifies comes here: the time, the names and the extensions are checked on every handshake,
 * and a CertificateVerify, whose signed content is new every time, is always verified. Thread-safe.
 */
public final class VerifiedCertificates {

    static final int MAX_KEPT = 64;
    /** Larger inputs are verified every time (a real certificate is 1 to 2 KB). */
    static final int MAX_BYTES = 16 * 1024;

    /** How a signature is verified on a miss: the provider's own {@code verify}. */
    @FunctionalInterface
    public interface Verifier {
        boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature);
    }

    private final BoundedMemo<Boolean> verified = new BoundedMemo<>(MAX_KEPT);
    private final Verifier verifier;

    public VerifiedCertificates(Verifier verifier) {
        this.verifier = verifier;
    }

    /** Whether {@code certificate}'s signature verifies under {@code issuerPublicKey}, remembered when it does. */
    public boolean verify(SignatureAlgorithm algorithm, byte[] issuerPublicKey, Certificate certificate) {
        // Copies, verified and remembered alike: what a caller does to its arrays meanwhile changes neither.
        byte[] key = issuerPublicKey.clone();
        byte[] tbs = certificate.tbsCertificate().clone();
        byte[] signature = certificate.signature().clone();
        long length = 4L * Integer.BYTES + key.length + tbs.length + signature.length;
        if (length > MAX_BYTES) {
            return verifier.verify(algorithm, key, tbs, signature);
        }
        // Each part after its length, so that no two different inputs give the same bytes.
        ByteBuffer checked = ByteBuffer.allocate((int) length).putInt(algorithm.ordinal())
                .putInt(key.length).put(key)
                .putInt(tbs.length).put(tbs)
                .putInt(signature.length).put(signature)
                .flip();
        if (verified.get(checked) != null) {
            return true;
        }
        if (!verifier.verify(algorithm, key, tbs, signature)) {
            return false;
        }
        verified.keep(checked, Boolean.TRUE);
        return true;
    }
}
