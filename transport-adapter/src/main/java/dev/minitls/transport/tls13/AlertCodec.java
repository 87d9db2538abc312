package dev.minitls.transport.tls13;

import dev.minitls.domain.error.Alert;

/**
 * An alert's two bytes (RFC 8446 section 6): the level, then the description. minitls sends close_notify and
 * user_canceled as warnings (1) and every other alert as fatal (2), as section 6 asks; it reads either level, and
 * treats every alert but close_notify as an error whatever its level.
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
     * The alert in {@code content}: exactly two bytes, a level of 1 or 2 and a description RFC 8446 defines
     * ({@code decode_error} otherwise: an alert minitls cannot name still ends the connection).
     */
    public static Alert decode(byte[] content) {
        WireReader in = new WireReader("Alert", content);
        int level = in.u8("level");
        int description = in.u8("description");
        in.expectEnd("the alert");
        if (level != WARNING && level != FATAL) {
            throw in.malformed("level " + level + ", not warning (1) or fatal (2)");
        }
        return Alert.fromCode(description).orElseThrow(() -> in.malformed("unknown alert " + description));
    }
}
