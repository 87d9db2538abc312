package dev.minitls.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Alerts carry RFC 8446's numbers and names (section 6, every one of them), and are found again by either. */
class AlertTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "close_notify, 0", "unexpected_message, 10", "bad_record_mac, 20", "record_overflow, 22",
        "handshake_failure, 40", "bad_certificate, 42", "unsupported_certificate, 43", "certificate_revoked, 44",
        "certificate_expired, 45", "certificate_unknown, 46", "illegal_parameter, 47", "unknown_ca, 48",
        "access_denied, 49", "decode_error, 50", "decrypt_error, 51", "protocol_version, 70",
        "insufficient_security, 71", "internal_error, 80", "inappropriate_fallback, 86", "user_canceled, 90",
        "missing_extension, 109", "unsupported_extension, 110", "unrecognized_name, 112",
        "bad_certificate_status_response, 113", "unknown_psk_identity, 115", "certificate_required, 116",
        "no_application_protocol, 120",
    })
    void eachAlertHasItsRfcNameAndNumber(String name, int code) {
        assertThat(Alert.fromRfcName(name)).hasValueSatisfying(alert -> {
            assertThat(alert.code()).isEqualTo(code);
            assertThat(alert.rfcName()).isEqualTo(name);
            assertThat(Alert.fromCode(code)).contains(alert);
        });
    }

    @Test
    void section6DefinesTwentySevenAlertsWithDistinctNumbers() {
        assertThat(Alert.values()).hasSize(27);
        assertThat(Arrays.stream(Alert.values()).map(Alert::code).distinct()).hasSize(27);
    }

    @ParameterizedTest
    @CsvSource({"CLOSE_NOTIFY", "user_cancelled", "''"})
    void aNameMinitlsDoesNotKnowFindsNoAlert(String name) {
        assertThat(Alert.fromRfcName(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 21, 41, 60, 121, 255, 256})
    void aNumberRfc8446DoesNotDefineFindsNoAlert(int code) {
        assertThat(Alert.fromCode(code)).isEmpty();
    }
}
