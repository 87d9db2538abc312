package dev.minitls.transport.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The Jackson set-up both protocol versions share: one factory with Python's escapes, and frames written as Python's
 * {@code json.dumps} writes them, followed by the newline. Jackson factories are thread-safe once built.
 */
final class PythonJsonLines {

    static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new PythonEscapes()).build();

    /** Writes one JSON value with a generator. */
    @FunctionalInterface
    interface ValueWriter {
        void write(JsonGenerator out) throws IOException;
    }

    private PythonJsonLines() {
    }

    /** The frame holding the value {@code value} writes: ASCII only, Python's separators, newline included. */
    static byte[] frame(ValueWriter value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(PythonSeparators.INSTANCE);
            value.write(generator);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does no I/O", e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
