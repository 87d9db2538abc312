package dev.minitls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.crypto.bc.CertificateAuthority;
import dev.minitls.crypto.bc.IssuanceRequest;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.crypto.jca.JcaCryptoProvider;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.port.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memo of verified certificate signatures answers what verification answers, every time: it saves only the
 * second verification of exactly the same algorithm, key, tbsCertificate and signature, and only of one that
 * succeeded.
 */
class VerifiedCertificatesTest {

    private static final CertificateAuthority AUTHORITY = new CertificateAuthority(new SecureRandomSource());
    private static final JcaCryptoProvider JDK = new JcaCryptoProvider();

    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedCertificates memo = new VerifiedCertificates((algorithm, key, message, signature) -> {
        verifications.incrementAndGet();
        return JDK.verify(algorithm, key, message, signature);
    });

    @Test
    void aSignatureThatVerifiedIsNotVerifiedAgain() {
        Chain chain = newChain();

        assertThat(memo.verify(SignatureAlgorithm.ED25519, chain.rootKey(), chain.server())).isTrue();
        assertThat(memo.verify(SignatureAlgorithm.ED25519, chain.rootKey().clone(), copy(chain.server()))).isTrue();

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aSignatureThatFailedIsVerifiedAndRefusedEveryTime() {
        Chain chain = newChain();
        byte[] serverKey = chain.server().publicKey();

        for (int i = 0; i < 3; i++) {
            assertThat(memo.verify(SignatureAlgorithm.ED25519, serverKey, chain.server())).isFalse();
        }
        assertThat(verifications).hasValue(3);
    }

    /** After the genuine signature verified, each of these differs from it in one place and must be refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oneThingChanged")
    void anythingChangedIsVerifiedAgainAndRefused(String what, UnaryOperator<Check> change) {
        Chain chain = newChain();
        Check genuine = new Check(SignatureAlgorithm.ED25519, chain.rootKey(), chain.server());
        assertThat(memo.verify(genuine.algorithm(), genuine.key(), genuine.certificate())).isTrue();

        Check changed = change.apply(genuine);

        assertThat(memo.verify(changed.algorithm(), changed.key(), changed.certificate())).isFalse();
        assertThat(verifications).hasValue(2);
    }

    static Stream<Arguments> oneThingChanged() {
        return Stream.of(
                Arguments.of("another algorithm", (UnaryOperator<Check>) check ->
                        new Check(SignatureAlgorithm.ECDSA_SECP256R1_SHA256, check.key(), check.certificate())),
                Arguments.of("another key", (UnaryOperator<Check>) check ->
                        new Check(check.algorithm(), flipped(check.key(), 0), check.certificate())),
                Arguments.of("a byte of the tbsCertificate", (UnaryOperator<Check>) check ->
                        new Check(check.algorithm(), check.key(), withParts(check.certificate(),
                                flipped(check.certificate().tbsCertificate(), 40),
                                check.certificate().signature()))),
                Arguments.of("a byte of the signature", (UnaryOperator<Check>) check ->
                        new Check(check.algorithm(), check.key(), withParts(check.certificate(),
                                check.certificate().tbsCertificate(),
                                flipped(check.certificate().signature(), 63)))),
                Arguments.of("the same bytes split otherwise between key and tbsCertificate", (UnaryOperator<Check>)
                        check -> new Check(check.algorithm(), Arrays.copyOf(check.key(), check.key().length - 1),
                                withParts(check.certificate(), concat(
                                        new byte[] {check.key()[check.key().length - 1]},
                                        check.certificate().tbsCertificate()), check.certificate().signature()))));
    }

    @Test
    void whatACallerDoesToItsArraysAfterwardsIsNotRemembered() {
        Chain chain = newChain();
        Certificate server = chain.server();
        assertThat(memo.verify(SignatureAlgorithm.ED25519, chain.rootKey(), server)).isTrue();

        // a Certificate hands out its own arrays: change the signature in place
        server.signature()[0] ^= 1;

        assertThat(memo.verify(SignatureAlgorithm.ED25519, chain.rootKey(), server)).isFalse();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void keepsNoMoreThanItsBoundAndStaysRightAsSignaturesComeAndGo() {
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i <= VerifiedCertificates.MAX_KEPT; i++) {
            chains.add(newChain());
        }
        for (Chain chain : chains) {
            assertThat(memo.verify(SignatureAlgorithm.ED25519, chain.rootKey(), chain.server())).isTrue();
            assertThat(memo.verify(SignatureAlgorithm.ED25519, chain.server().publicKey(), chain.server())).isFalse();
        }
        Chain first = chains.get(0);
        Chain last = chains.get(chains.size() - 1);

        int before = verifications.get();
        assertThat(memo.verify(SignatureAlgorithm.ED25519, last.rootKey(), last.server())).isTrue();
        assertThat(verifications.get() - before).as("verifications of the signature verified last").isZero();
        assertThat(memo.verify(SignatureAlgorithm.ED25519, first.rootKey(), first.server())).isTrue();
        assertThat(verifications.get() - before).as("verifications of the signature verified "
                + VerifiedCertificates.MAX_KEPT + " signatures before").isOne();
    }

    @Test
    void onlyInputsUpToItsSizeAreKept() {
        Chain chain = newChain();
        VerifiedCertificates anything = new VerifiedCertificates((algorithm, key, message, signature) -> {
            verifications.incrementAndGet();
            return true;
        });
        // the key, its length, the algorithm and the signature's and tbsCertificate's lengths besides the tbs
        int tbsThatFits = VerifiedCertificates.MAX_BYTES - 4 * Integer.BYTES - chain.rootKey().length
                - chain.server().signature().length;
        Certificate fits = withParts(chain.server(), new byte[tbsThatFits], chain.server().signature());
        Certificate large = withParts(chain.server(), new byte[tbsThatFits + 1], chain.server().signature());

        for (int i = 0; i < 2; i++) {
            anything.verify(SignatureAlgorithm.ED25519, chain.rootKey(), fits);
            anything.verify(SignatureAlgorithm.ED25519, chain.rootKey(), large);
        }

        assertThat(verifications).as("one for the one that fits, two for the larger").hasValue(3);
    }

    private record Check(SignatureAlgorithm algorithm, byte[] key, Certificate certificate) {
    }

    private record Chain(byte[] rootKey, Certificate server) {
    }

    /** A new root and a server certificate it issued, parsed. */
    private static Chain newChain() {
        IssuedMaterial issued = AUTHORITY.issue(new IssuanceRequest("Memo Test Root", "example-server",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), 30));
        Certificate root = JDK.parseCertificate(der(issued.rootCertificatePem()));
        return new Chain(root.publicKey(), JDK.parseCertificate(der(issued.serverCertificatePem())));
    }

    private static byte[] der(String pem) {
        return Pem.decodeAll(Pem.CERTIFICATE, pem.getBytes(StandardCharsets.US_ASCII), 1).get(0);
    }

    private static Certificate copy(Certificate certificate) {
        return withParts(certificate, certificate.tbsCertificate().clone(), certificate.signature().clone());
    }

    /** {@code certificate} with this tbsCertificate and signature (the rest, the DER included, as it was). */
    private static Certificate withParts(Certificate certificate, byte[] tbs, byte[] signature) {
        return new Certificate(certificate.der(), tbs, certificate.signatureAlgorithm(), signature,
                certificate.version(), certificate.serialNumber(), certificate.subject(), certificate.subjectText(),
                certificate.issuer(), certificate.issuerText(), certificate.commonName(), certificate.dnsNames(),
                certificate.notBefore(), certificate.notAfter(), certificate.keyAlgorithm(), certificate.publicKey(),
                certificate.keyBits(), certificate.basicConstraintsCa(), certificate.pathLenConstraint(),
                certificate.keyUsage(), certificate.extendedKeyUsage(), certificate.extensions());
    }

    private static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 1;
        return copy;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
