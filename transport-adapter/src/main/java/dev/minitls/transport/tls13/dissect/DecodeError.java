package dev.minitls.transport.tls13.dissect;

import java.util.Objects;

/**
 * Why dissecting stopped: the offset in the captured stream of the byte (or the record) where it went wrong, and
 * why, in words. Peer-controlled text in {@code reason} is already escaped.
 */
public record DecodeError(int offset, String reason) {

    public DecodeError {
        Objects.requireNonNull(reason, "reason");
    }

    /** One line: {@code at byte 201 (0x00c9): ...}. */
    public String message() {
        return String.format("at byte %d (0x%04x): %s", offset, offset, reason);
    }
}
