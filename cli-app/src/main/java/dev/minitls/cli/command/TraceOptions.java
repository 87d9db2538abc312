package dev.minitls.cli.command;

import dev.minitls.cli.trace.Colour;
import dev.minitls.cli.trace.TraceFormat;
import dev.minitls.cli.trace.Tracing;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --trace[=text|json]} and {@code --keylog FILE}: watching a session, secrets included. */
public final class TraceOptions {

    @Option(names = "--trace", arity = "0..1", fallbackValue = "text", paramLabel = "text|json",
            description = "Show every step as it happens with its real values, secret keys included: text blocks "
                    + "(the default, in colour on a terminal) or json (one object per line on standard output; "
                    + "other messages then go to standard error).")
    TraceFormat trace;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "Append the session's secrets to FILE, one line each (SSLKEYLOGFILE style; see README).")
    Path keylog;

    /** Starts tracing this run; {@code otherwise} observes it when there is no {@code --trace}. */
    Tracing start(Side keyLogSide, HandshakeObserver otherwise) {
        return Tracing.start(Optional.ofNullable(trace), Optional.ofNullable(keylog), keyLogSide, otherwise,
                System.out, System.err, Colour.forStandardOutput(), Wiring.endpoints(CryptoChoice.jca).crypto());
    }
}
