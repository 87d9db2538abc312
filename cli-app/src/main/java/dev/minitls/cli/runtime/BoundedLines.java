package dev.minitls.cli.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The text lines of a stream, each without its line ending ({@code \n} or {@code \r\n}), with a limit on each line's
 * length so that endless input cannot fill memory.
 */
public final class BoundedLines implements Iterator<String> {

    private final InputStream in;
    private final int maxBytes;
    private String next;
    private boolean ended;

    public BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** @throws UserError when the input cannot be read or a line is longer than the limit */
    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = readLine();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = next;
        next = null;
        return line;
    }

    private String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() == maxBytes) {
                    throw new UserError("input line longer than " + maxBytes + " bytes");
                }
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
        } catch (IOException e) {
            throw new UserError("cannot read the input: " + e.getMessage());
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
