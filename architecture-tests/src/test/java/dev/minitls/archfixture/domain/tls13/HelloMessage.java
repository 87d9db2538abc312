package dev.minitls.archfixture.domain.tls13;

/** Allowed: a message of the domain's model, a plain value. */
public record HelloMessage(byte[] random) {
}
