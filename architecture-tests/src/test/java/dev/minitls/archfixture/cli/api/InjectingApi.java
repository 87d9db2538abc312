package dev.minitls.archfixture.cli.api;

import com.google.inject.Guice;
import dev.minitls.archfixture.transport.JsonTransport;

/** Breaks rule 9: a second wiring path, beside the one wiring place. */
public final class InjectingApi {

    public JsonTransport transport() {
        return Guice.createInjector().getInstance(JsonTransport.class);
    }
}
