package dev.minitls.transport.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;

/**
 * The separators of Python's {@code json.dumps} default output: {@code ", "} between members and {@code ": "} after
 * a key, no other whitespace. Stateless, so one instance serves every generator.
 */
final class PythonSeparators extends MinimalPrettyPrinter {

    static final PythonSeparators INSTANCE = new PythonSeparators();

    private PythonSeparators() {
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator generator) throws IOException {
        generator.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator generator) throws IOException {
        generator.writeRaw(", ");
    }
}
