package dev.minitls.transport.tls13;

import static dev.minitls.transport.tls13.Tls13Assertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Alerts as two bytes: every alert of section 6 travels by its number; a malformed alert is decode_error. */
class AlertCodecTest {

    @ParameterizedTest
    @EnumSource(Alert.class)
    void everyAlertTravelsByItsNumber(Alert alert) {
        byte[] bytes = AlertCodec.encode(alert);

        assertThat(bytes[1] & 0xFF).isEqualTo(alert.code());
        assertThat(AlertCodec.decode(bytes)).isEqualTo(alert);
    }

    @ParameterizedTest
    @CsvSource({"CLOSE_NOTIFY, 1", "USER_CANCELED, 1", "UNEXPECTED_MESSAGE, 2", "HANDSHAKE_FAILURE, 2",
        "NO_APPLICATION_PROTOCOL, 2"})
    void closureAlertsAreWarningsAndEveryOtherIsFatal(Alert alert, int level) {
        assertThat(AlertCodec.encode(alert)[0]).isEqualTo((byte) level);
    }

    @ParameterizedTest
    @CsvSource({"0128", "0228"})
    void eitherLevelIsRead(String hex) {
        assertThat(AlertCodec.decode(HexFormat.of().parseHex(hex))).isEqualTo(Alert.HANDSHAKE_FAILURE);
    }

    @ParameterizedTest
    @CsvSource({
        "'', level needs 1 bytes", "02, description needs 1 bytes", "022800, 1 bytes left over",
        "0028, level 0", "0328, level 3"})
    void aMalformedAlertIsADecodeError(String hex, String reason) {
        assertRefused(() -> AlertCodec.decode(HexFormat.of().parseHex(hex)), Failure.MALFORMED_MESSAGE,
                "Alert: " + reason);
    }

    @ParameterizedTest
    @CsvSource({"02c8, 200", "01c8, 200", "0215, 21", "02ff, 255"})
    void anAlertRfc8446DoesNotDefineIsAnErrorAlertShownByItsNumber(String hex, int number) {
        assertRefused(() -> AlertCodec.decode(HexFormat.of().parseHex(hex)), Failure.ALERT_RECEIVED,
                "the peer sent an alert: alert number " + number + ", which RFC 8446 does not define");
    }
}
