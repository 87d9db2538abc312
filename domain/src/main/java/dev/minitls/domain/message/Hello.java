package dev.minitls.domain.message;

/** The opening message of either side (steps 5 and 7): a random, a version, a suite and an X25519 key share. */
public sealed interface Hello extends Message permits ClientHello, ServerHello {

    byte[] random();

    int version();

    byte[] ephemeralPublicKey();

    String suite();
}
