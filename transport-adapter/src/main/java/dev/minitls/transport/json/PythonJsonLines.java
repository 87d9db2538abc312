package dev.minitls.transport.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The Jackson set-up both protocol versions share: one factory with Python's escapes, and frames written as Python's
 * {@code json.dumps} writes them, followed by the newline. Jackson factories are thread-safe once built.
 */
final class PythonJsonLines {

    /** Enough for every core to be coding at once, with room to spare. */
    private static final int POOLED_BUFFER_SETS = 4 * Runtime.getRuntime().availableProcessors();

    /**
     * Jackson's buffers come from one bounded pool that every thread shares. Its default keeps a set per thread,
     * about 16 KiB, for as long as the thread lives: with a thread per connection that is 16 KiB more for each idle
     * session of a server.
     */
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new PythonEscapes())
            .recyclerPool(JsonRecyclerPools.newBoundedPool(POOLED_BUFFER_SETS))
            .build();

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
