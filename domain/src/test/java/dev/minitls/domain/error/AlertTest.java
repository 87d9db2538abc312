package dev.minitls.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alerts carry RFC 8446's numbers and names (section 6), and are found again by name. */
class AlertTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "close_notify, 0", "unexpected_message, 10", "bad_record_mac, 20", "record_overflow, 22",
        "handshake_failure, 40", "bad_certificate, 42", "unsupported_certificate, 43", "certificate_expired, 45",
        "illegal_parameter, 47", "unknown_ca, 48", "decode_error, 50", "decrypt_error, 51",
        "protocol_version, 70", "internal_error, 80",
    })
    void eachAlertHasItsRfcNameAndNumber(String name, int code) {
        assertThat(Alert.fromRfcName(name)).hasValueSatisfying(alert -> {
            assertThat(alert.code()).isEqualTo(code);
            assertThat(alert.rfcName()).isEqualTo(name);
        });
    }

    @ParameterizedTest
    @CsvSource({"CLOSE_NOTIFY", "user_canceled", "''"})
    void aNameMinitlsDoesNotKnowFindsNoAlert(String name) {
        assertThat(Alert.fromRfcName(name)).isEmpty();
    }
}
