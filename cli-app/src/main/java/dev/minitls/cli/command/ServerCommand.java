package dev.minitls.cli.command;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.ServerApp;
import dev.minitls.cli.runtime.ServerApp.ServerEvents;
import dev.minitls.cli.runtime.ServerLimits;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.trace.SetupSteps;
import dev.minitls.cli.trace.Tracing;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minitls server}: serves many clients at once until stopped, printing what each one sends. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve v1, v2 and tls13 clients on one port (or those of --protocols) until stopped (Ctrl-C),"
                + " printing each decrypted message with its sender.",
        footer = {"", "Examples:", "  minitls server --dir . --port 9914 --echo",
                "  minitls server --echo --protocols v2,tls13   (v1 clients are refused)",
                "  minitls server --echo --protocols tls13      (TLS 1.3 only, e.g. for openssl s_client)",
                "  minitls server --echo --groups secp256r1,x25519   (tls13 clients: P-256 preferred)",
                "  minitls server --echo --trace      (every step of every connection, secrets included)"})
public final class ServerCommand implements Callable<Integer> {

    @Mixin
    private EndpointOptions endpoint;

    @Option(names = "--echo", description = "Send each message of a v2 or tls13 client back to it.")
    private boolean echo;

    @Option(names = "--protocols", paramLabel = "PROTOCOL", split = ",", converter = ProtocolOption.class,
            description = "Protocols to serve, comma-separated; a client of another is refused (default: all of"
                    + " ${COMPLETION-CANDIDATES}).")
    private Set<ProtocolVersion> protocols = EnumSet.allOf(ProtocolVersion.class);

    @Mixin
    private Tls13Options tls13;

    @Spec
    private CommandSpec spec;

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
        Tls13Settings settings = tls13.settings(spec.commandLine(), protocols.contains(ProtocolVersion.TLS13),
                "this server serves " + ServerConfig.names(protocols) + " only, which always use x25519 and"
                        + " AES-256-GCM");
        Endpoints endpoints = endpoint.common.endpoints();
        // Ctrl-C runs the shutdown hook: it stops accepting, closes open connections and lets this thread end.
        CountDownLatch stopped = new CountDownLatch(1);
        try (Tracing trace = endpoint.tracing.start(Side.SERVER, HandshakeObserver.NONE);
                ServerApp server = start(endpoints, trace, settings)) {
            PrintStream out = trace.messages();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "minitls-shutdown"));
            out.println("minitls server listening on " + endpoint.address.host + ":" + server.port()
                    + " (protocols " + ServerConfig.names(protocols) + ", provider " + endpoints.crypto().name()
                    + (echo ? ", echo" : "")
                    + "); Ctrl-C stops it");
            stopped.await();
        }
        return 0;
    }

    private ServerApp start(Endpoints endpoints, Tracing trace, Tls13Settings settings) {
        ServerLimits limits = limits();
        PkiFiles files = endpoint.dir.files();
        PkiFiles.requireMade(files.serverCertificate(), files.serverPrivateKey());
        trace.observer().onEvent(SetupSteps.serverCertificate(endpoints.serverCertificate(files.serverCertificate())));
        ServerApp server = ServerApp.start(endpoint.address.host, endpoint.address.port, limits,
                endpoints.serverConfig(files, protocols, trace.observer()).withTls13(settings), endpoints.formats(),
                echo,
                ServerEvents.printingTo(trace.messages(), System.err));
        trace.observer().onEvent(SetupSteps.listening(endpoint.address.host, server.port()));
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
