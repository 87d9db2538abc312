package dev.minitls.domain.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.testing.InsecureTestCrypto;
import dev.minitls.testing.TestCertificates;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of the v1 key schedule. Its values against the original program are checked with real crypto by the
 * adapters' golden-vector tests.
 */
class V1KeyScheduleTest {

    private static final InsecureTestCrypto CRYPTO = new InsecureTestCrypto();

    @Test
    void derivesSixDistinctKeysOfTheRightLengths() {
        V1Keys keys = V1KeySchedule.derive(CRYPTO, TestCertificates.filled(0x5e));

        List<Secret> all = List.of(keys.derivedKey(), keys.serverFinishedKey(), keys.clientFinishedKey(),
                keys.clientToServer().key(), keys.clientToServer().iv(), keys.serverToClient().key(),
                keys.serverToClient().iv());
        assertThat(all).extracting(Secret::length).containsExactly(32, 32, 32, 32, 12, 32, 12);
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void dependsOnlyOnTheSharedSecret() {
        assertThat(V1KeySchedule.derive(CRYPTO, TestCertificates.filled(1)))
                .isEqualTo(V1KeySchedule.derive(CRYPTO, TestCertificates.filled(1)))
                .isNotEqualTo(V1KeySchedule.derive(CRYPTO, TestCertificates.filled(2)));
    }
}
