package dev.minitls.cli.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads text lines with a limit on each line's length, so that endless input cannot fill memory. */
public final class BoundedLines {

    private final InputStream in;
    private final int maxBytes;

    public BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * The next line without its line ending ({@code \n} or {@code \r\n}), or empty at the end of input.
     *
     * @throws UserError when a line is longer than the limit
     */
    public Optional<String> next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() == maxBytes) {
                throw new UserError("input line longer than " + maxBytes + " bytes; a record holds at most that");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return Optional.empty();
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
