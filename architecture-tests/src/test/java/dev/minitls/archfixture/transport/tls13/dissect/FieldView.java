package dev.minitls.archfixture.transport.tls13.dissect;

/** Allowed: the dissector names the bytes it is handed. */
public final class FieldView {

    public String name(byte[] bytes) {
        return bytes.length == 0 ? "empty" : String.format("0x%02x", bytes[0]);
    }
}
