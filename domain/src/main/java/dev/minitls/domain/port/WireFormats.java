package dev.minitls.domain.port;

/**
 * The codec of each protocol version: a server needs both to tell its clients apart by their ClientHello, so each
 * version's codec refuses every frame of the other as {@code MALFORMED_MESSAGE} ({@code WireFormatsContract}, in the
 * domain's test-jar, checks it).
 */
public record WireFormats(MessageCodec v1, MessageCodec v2) {

    public WireFormats {
        java.util.Objects.requireNonNull(v1, "v1");
        java.util.Objects.requireNonNull(v2, "v2");
    }
}
