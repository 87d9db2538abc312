package dev.minitls.archfixture.transport;

import jakarta.inject.Inject;

/** Breaks rule 3: dependency-injection annotations outside the cli. */
public final class InjectedTransport {

    private final JsonTransport delegate;

    @Inject
    InjectedTransport(JsonTransport delegate) {
        this.delegate = delegate;
    }

    JsonTransport delegate() {
        return delegate;
    }
}
