package dev.minitls.domain.message;

import dev.minitls.domain.error.Alert;

/** Protocol v2: an alert, sent in clear before any keys exist and inside a record afterwards. */
public record AlertMessage(Alert alert) implements Message {

    @Override
    public MessageType type() {
        return MessageType.ALERT;
    }
}
