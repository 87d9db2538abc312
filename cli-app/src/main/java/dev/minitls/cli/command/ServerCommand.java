package dev.minitls.cli.command;

import dev.minitls.cli.app.Endpoints;
import dev.minitls.cli.app.PkiFiles;
import dev.minitls.cli.app.ServerApp;
import dev.minitls.cli.app.ServerApp.ServerEvents;
import dev.minitls.cli.app.ServerLimits;
import dev.minitls.cli.app.UserError;
import dev.minitls.cli.trace.SetupSteps;
import dev.minitls.cli.trace.Tracing;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minitls server}: serves many clients at once until stopped, printing what each one sends. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve v1 and v2 clients until stopped (Ctrl-C), printing each decrypted message with its "
                + "sender.",
        footer = {"", "Examples:", "  minitls server --dir . --port 9914 --echo",
                "  minitls server --echo --trace      (every step of every connection, secrets included)"})
public final class ServerCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Mixin
    private DirOption dir;

    @Mixin
    private AddressOptions address;

    @Mixin
    private TraceOptions tracing;

    @Option(names = "--echo", description = "Send each message of a v2 client back to it.")
    private boolean echo;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Connections served at once; more are closed at once and counted "
                    + "(default: ${DEFAULT-VALUE}).")
    private int maxConnections;

    @Option(names = "--max-handshakes", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_HANDSHAKES,
            description = "Handshakes in progress at once; more are closed at once and counted"
                    + " (default: ${DEFAULT-VALUE}).")
    private int maxHandshakes;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            defaultValue = "" + ServerLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Connections served at once from one client address; more are closed at once and counted"
                    + " (default: ${DEFAULT-VALUE}).")
    private int maxConnectionsPerAddress;

    @Option(names = "--max-handshakes-per-address", paramLabel = "N",
            defaultValue = "" + ServerLimits.DEFAULT_MAX_HANDSHAKES_PER_ADDRESS,
            description = "Handshakes in progress at once from one client address; more are closed at once and"
                    + " counted (default: ${DEFAULT-VALUE}).")
    private int maxHandshakesPerAddress;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", converter = SecondsOption.Positive.class,
            defaultValue = "" + ServerLimits.DEFAULT_HANDSHAKE_TIMEOUT_SECONDS,
            description = "Longest a whole handshake may take, however slowly the client sends"
                    + " (default: ${DEFAULT-VALUE}).")
    private Duration handshakeTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", converter = SecondsOption.Positive.class,
            defaultValue = "" + ServerLimits.DEFAULT_IDLE_TIMEOUT_SECONDS,
            description = "Longest the server waits for each message of a client, and for the client to take each"
                    + " message sent to it (default: ${DEFAULT-VALUE}).")
    private Duration idleTimeout;

    @Override
    public Integer call() throws InterruptedException {
        Endpoints endpoints = common.injector().getInstance(Endpoints.class);
        // Ctrl-C runs the shutdown hook: it stops accepting, closes open connections and lets this thread end.
        CountDownLatch stopped = new CountDownLatch(1);
        try (Tracing trace = tracing.start(Side.SERVER, HandshakeObserver.NONE);
                ServerApp server = start(endpoints, trace)) {
            PrintStream out = trace.messages();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "minitls-shutdown"));
            out.println("minitls server listening on " + address.host + ":" + server.port()
                    + " (protocols v1 and v2, provider " + endpoints.crypto().name() + (echo ? ", echo" : "")
                    + "); Ctrl-C stops it");
            stopped.await();
        }
        return 0;
    }

    private ServerApp start(Endpoints endpoints, Tracing trace) {
        ServerLimits limits = limits();
        PkiFiles files = dir.files();
        PkiFiles.requireMade(files.serverCertificate(), files.serverPrivateKey());
        trace.observer().onEvent(SetupSteps.serverCertificate(endpoints.certificate(files.serverCertificate())));
        ServerApp server = ServerApp.start(address.host, address.port, limits,
                endpoints.serverConfig(files, trace.observer()), endpoints.formats(), echo,
                ServerEvents.printingTo(trace.messages(), System.err));
        trace.observer().onEvent(SetupSteps.listening(address.host, server.port()));
        return server;
    }

    private ServerLimits limits() {
        try {
            return new ServerLimits(maxConnections, maxHandshakes, maxConnectionsPerAddress, maxHandshakesPerAddress,
                    handshakeTimeout, idleTimeout);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
