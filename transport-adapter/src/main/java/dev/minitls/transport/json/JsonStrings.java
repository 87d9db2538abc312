package dev.minitls.transport.json;

/** JSON string literals written as minitls writes them on the wire, for other JSON that minitls prints. */
public final class JsonStrings {

    private JsonStrings() {
    }

    /**
     * {@code text} as a JSON string literal, escaped as Python's {@code json.dumps} does: quoted, with {@code "},
     * {@code \\}, control characters and everything outside printable ASCII escaped, so the result is plain ASCII.
     */
    public static String quote(String text) {
        return PythonEscapes.quote(text);
    }
}
