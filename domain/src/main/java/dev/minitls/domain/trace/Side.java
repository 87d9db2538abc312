package dev.minitls.domain.trace;

/** Which end of a connection something happened on. */
public enum Side {
    CLIENT, SERVER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
