package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.BoundedLines;
import dev.minitls.cli.runtime.UserError;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines of a stream, each waited for with a time limit: how the bench and the sessions client it starts read each
 * other (the client's standard output, the client's standard input). A daemon thread of their own reads them, each
 * at most {@code maxBytes} long ({@link BoundedLines}), at most {@value #MAX_LINES} in all; it ends with the stream.
 */
final class TimedLines {

    /** More lines than either side ever says: the reader stops after these, so the queue stays small. */
    static final int MAX_LINES = 16;

    private final String source;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private Item end;

    /** Starts reading {@code in}; {@code source} names it in failures, e.g. {@code the sessions client}. */
    TimedLines(InputStream in, int maxBytes, String source) {
        this.source = source;
        Thread reader = new Thread(() -> read(in, maxBytes), "minitls-bench-lines");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The next line, empty once the stream ended.
     *
     * @throws UserError when no line came within {@code timeout}, or the stream broke the limits or was unreadable
     */
    Optional<String> next(Duration timeout) {
        if (end == null) {
            Item item;
            try {
                item = items.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while waiting for " + source);
            }
            if (item == null) {
                throw new UserError(source + " said nothing within " + timeout.toMillis() + " ms");
            }
            if (item.text() != null) {
                return Optional.of(item.text());
            }
            end = item;
        }
        if (end.problem() != null) {
            throw new UserError(source + ": " + end.problem());
        }
        return Optional.empty();
    }

    private void read(InputStream in, int maxBytes) {
        String problem = null;
        try {
            BoundedLines lines = new BoundedLines(in, maxBytes);
            for (int count = 0; problem == null && lines.hasNext(); count++) {
                if (count == MAX_LINES) {
                    problem = "more than " + MAX_LINES + " lines";
                } else {
                    items.add(new Item(lines.next(), null));
                }
            }
        } catch (UserError e) {
            problem = e.getMessage();
        }
        items.add(new Item(null, problem));
    }

    /** A line, or (text null) the end of the stream and what was wrong with it, if anything. */
    private record Item(String text, String problem) {
    }
}
