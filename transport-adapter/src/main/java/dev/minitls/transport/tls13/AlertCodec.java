package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.Failure;
import dev.minitls.domain.error.ProtocolException;

/**
 * An alert's two bytes (RFC 8446 section 6): the level, then the description. minitls sends close_notify and
 * user_canceled as warnings (1) and every other alert as fatal (2), as section 6 asks; it reads either level, and
 * treats every alert but close_notify as an error whatever its level (section 6: the alerts of 6.2 are errors "regardless
 * of the AlertLevel"; user_canceled cancels the handshake or session, so it ends the connection too).
 */
public final class AlertCodec {

    private static final int WARNING = 1;
    private static final int FATAL = 2;

    private AlertCodec() {
    }

    public static byte[] encode(Alert alert) {
        int level = alert == Alert.CLOSE_NOTIFY || alert == Alert.USER_CANCELED ? WARNING : FATAL;
        return new byte[] {(byte) level, (byte) alert.code()};
    }

    /**
     * The alert in {@code content}: exactly two bytes and a level of 1 or 2 ({@code decode_error} otherwise). A
     * description RFC 8446 does not define (or marks reserved) is still an alert from the peer, and section 6 says
     * to treat it as an error alert: it ends the connection as {@code ALERT_RECEIVED}, shown by its number.
     */
    public static Alert decode(byte[] content) {
        WireReader in = new WireReader("Alert", content);
        int level = in.u8("level");
        int description = in.u8("description");
        in.expectEnd("the alert");
        if (level != WARNING && level != FATAL) {
            throw in.malformed("level " + level + ", not warning (1) or fatal (2)");
        }
        return Alert.fromCode(description).orElseThrow(() -> new ProtocolException(Failure.ALERT_RECEIVED,
                "alert number " + description + ", which RFC 8446 does not define"));
    }
}
