package dev.minitls.archfixture.transport;

import com.fasterxml.jackson.core.JsonFactory;
import dev.minitls.archfixture.domain.Port;
import java.nio.charset.StandardCharsets;

/** Allowed: the transport implements a domain port with Jackson. */
public final class JsonTransport implements Port {

    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] exchange(byte[] message) {
        return json.getFormatName().getBytes(StandardCharsets.US_ASCII);
    }
}
