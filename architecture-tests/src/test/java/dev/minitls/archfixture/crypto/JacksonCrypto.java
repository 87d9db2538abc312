package dev.minitls.archfixture.crypto;

import com.fasterxml.jackson.core.JsonFactory;

/** Breaks rule 5: Jackson outside the transport. */
public final class JacksonCrypto {

    String format() {
        return new JsonFactory().getFormatName();
    }
}
