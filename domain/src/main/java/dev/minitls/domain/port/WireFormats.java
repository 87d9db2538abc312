package dev.minitls.domain.port;

/** The codec of each protocol version: a server needs both to tell its clients apart by their ClientHello. */
public record WireFormats(MessageCodec v1, MessageCodec v2) {

    public WireFormats {
        java.util.Objects.requireNonNull(v1, "v1");
        java.util.Objects.requireNonNull(v2, "v2");
    }
}
