package dev.minitls.cli.trace;

import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code --trace} and {@code --keylog} make of one run of a command: the observer its handshakes report to,
 * and the stream for the command's own messages (standard error when standard output carries JSON, so that it
 * carries nothing else). Secrets are shown only here, below a one-line warning.
 */
public final class Tracing implements AutoCloseable {

    /** Printed once above a trace. */
    public static final String WARNING = "WARNING: this trace shows secret keys (marked [secret]); anyone who sees"
            + " them can read the session. Never trace a session whose secrets matter.";

    private final HandshakeObserver observer;
    private final PrintStream messages;
    private final Optional<KeyLog> keyLog;

    private Tracing(HandshakeObserver observer, PrintStream messages, Optional<KeyLog> keyLog) {
        this.observer = observer;
        this.messages = messages;
        this.keyLog = keyLog;
    }

    /**
     * Starts tracing a run: prints the warning when there is a trace, opens the key log when there is one.
     *
     * @param format the trace asked for, empty without {@code --trace}
     * @param keyLogFile the key log asked for, empty without {@code --keylog}
     * @param keyLogSide the side whose secrets go to the key log
     * @param otherwise the observer when there is no trace: the demo's step lines, or {@link HandshakeObserver#NONE}
     * @param colour for a text trace on {@code out}
     * @param crypto what opens the TLS 1.3 records the trace shows field by field
     */
    public static Tracing start(Optional<TraceFormat> format, Optional<Path> keyLogFile, Side keyLogSide,
            HandshakeObserver otherwise, PrintStream out, PrintStream err, Colour colour, CryptoProvider crypto) {
        boolean json = format.equals(Optional.of(TraceFormat.json));
        PrintStream messages = json ? err : out;
        HandshakeObserver observer = otherwise;
        if (format.isPresent()) {
            messages.println(WARNING);
            observer = new RecordView(json ? new JsonTraceWriter(out) : new TracePrinter(out, colour), crypto);
        }
        Optional<KeyLog> keyLog = keyLogFile.map(file -> KeyLog.open(file, keyLogSide));
        if (keyLog.isPresent()) {
            err.println("minitls: writing the " + keyLogSide.label() + "'s session secrets to " + keyLogFile.get()
                    + "; anyone who reads it can decrypt the sessions");
            observer = observer.andThen(keyLog.get());
        }
        return new Tracing(observer, messages, keyLog);
    }

    /** The observer to hand the handshakes and the setup steps. */
    public HandshakeObserver observer() {
        return observer;
    }

    /** Where the command prints its own messages. */
    public PrintStream messages() {
        return messages;
    }

    /** Closes the key log. */
    @Override
    public void close() {
        keyLog.ifPresent(KeyLog::close);
    }
}
