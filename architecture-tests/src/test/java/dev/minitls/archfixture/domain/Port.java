package dev.minitls.archfixture.domain;

/** A clean port, implemented by the fixture transport. */
public interface Port {

    /** Sends one message and returns the reply. */
    byte[] exchange(byte[] message);
}
