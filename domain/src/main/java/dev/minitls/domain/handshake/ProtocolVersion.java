package dev.minitls.domain.handshake;

/** The protocols minitls speaks (docs/PROTOCOL.md). */
public enum ProtocolVersion {
    /** The seed's protocol, byte-compatible with the original Python program. */
    V1(1),
    /** The seed's steps hardened the way TLS 1.3 does it. */
    V2(2);

    private final int number;

    ProtocolVersion(int number) {
        this.number = number;
    }

    /** The number in the hello messages' version field. */
    public int number() {
        return number;
    }

    /** {@code v1} or {@code v2}, as the command line and the documents write it. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The version this one is not: a peer that speaks it is refused, never fallen back to. */
    public ProtocolVersion other() {
        return this == V1 ? V2 : V1;
    }

    VersionPolicy policy() {
        return this == V1 ? PolicyV1.INSTANCE : PolicyV2.INSTANCE;
    }
}
