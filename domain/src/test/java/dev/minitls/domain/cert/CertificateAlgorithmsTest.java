package dev.minitls.domain.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Algorithm names go by the identifier's exact DER: an OID minitls verifies, written with parameters other than the
 * one encoding it takes, gets a name of its own that nothing verifies (RFC 5758 forbids parameters for ECDSA; PKCS#1
 * algorithms carry NULL).
 */
class CertificateAlgorithmsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ecdsa-with-SHA256, 300a06082a8648ce3d040302, 1.2.840.10045.4.3.2, true",
        "ecdsa-with-SHA256 with NULL, 300c06082a8648ce3d0403020500, 1.2.840.10045.4.3.2, false",
        "sha256WithRSAEncryption, 300d06092a864886f70d01010b0500, 1.2.840.113549.1.1.11, true",
        "sha256WithRSAEncryption without NULL (RFC 4055 allows both), 300b06092a864886f70d01010b,"
                + " 1.2.840.113549.1.1.11, true",
        "sha256WithRSAEncryption with an INTEGER, 300e06092a864886f70d01010b020100, 1.2.840.113549.1.1.11, false",
    })
    void onlyTheExactEncodingIsVerified(String name, String der, String oid, boolean verified) {
        String named = CertificateAlgorithms.signatureAlgorithm(HexFormat.of().parseHex(der), oid);

        assertThat(CertificateAlgorithms.isVerified(named)).isEqualTo(verified);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rsaEncryption, 300d06092a864886f70d0101010500, 1.2.840.113549.1.1.1, RSA",
        "rsaEncryption without NULL, 300b06092a864886f70d010101, 1.2.840.113549.1.1.1, "
                + "RSA (parameters other than NULL)",
    })
    void aKeyAlgorithmWithOtherParametersIsNotTheOneMinitlsTakes(String name, String der, String oid,
            String expected) {
        assertThat(CertificateAlgorithms.keyAlgorithm(HexFormat.of().parseHex(der), oid)).isEqualTo(expected);
    }
}
