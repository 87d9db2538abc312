package dev.minitls.transport.tls13.dissect;

/** Which side sent a captured stream: told by its first handshake message, a ClientHello or a ServerHello. */
public enum Direction {
    CLIENT("client"),
    SERVER("server");

    private final String word;

    Direction(String word) {
        this.word = word;
    }

    @Override
    public String toString() {
        return word;
    }
}
