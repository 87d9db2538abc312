package dev.minitls.cli.command;

import dev.minitls.cli.runtime.BoundedLines;
import dev.minitls.cli.runtime.ClientApp;
import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.trace.SetupSteps;
import dev.minitls.cli.trace.Tracing;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import java.io.BufferedInputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minitls client}: handshake, then send messages as encrypted records. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Connect, complete the handshake, then send each --message (or each line of standard input)"
                + " as one encrypted record; print what the server sends back (v2).",
        footer = {"", "Examples:", "  minitls client --message hello --message world",
                "  echo hello | minitls client --port 9914",
                "  minitls client --host 127.0.0.1 --server-name example-server --message hello",
                "  minitls client --trace --message hello        (every step with its values, secrets included)",
                "  minitls client --trace=json --message hello   (the same as JSON lines, for tools)"})
public final class ClientCommand implements Callable<Integer> {

    /** The name checked when the client connects to the default host: the seed's server, as the original does. */
    static final String SEED_SERVER_NAME = "example-server";

    @Mixin
    private EndpointOptions endpoint;

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "Name the server's certificate must carry (default: the --host given; without --host, "
                    + SEED_SERVER_NAME + ", as the original program).")
    private String serverName;

    @Spec
    private CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "v2", paramLabel = "v1|v2",
            converter = ProtocolOption.class,
            description = "Protocol to speak: v2 (default) or v1, the original's. The client never falls back.")
    private ProtocolVersion protocol;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS", converter = SecondsOption.Positive.class,
            defaultValue = "" + ClientApp.TIMEOUT_SECONDS,
            description = "Longest the whole handshake may take, however slowly the server sends"
                    + " (default: ${DEFAULT-VALUE}).")
    private Duration handshakeTimeout;

    @Option(names = "--message", paramLabel = "TEXT",
            description = "A message to send; repeat for several. Without it, standard input is sent line by line.")
    private List<String> messages;

    @Override
    public Integer call() {
        Endpoints endpoints = endpoint.common.endpoints();
        PkiFiles files = endpoint.dir.files();
        PkiFiles.requireMade(files.rootCertificate());
        try (Tracing trace = endpoint.tracing.start(Side.CLIENT, HandshakeObserver.NONE)) {
            trace.observer().onEvent(SetupSteps.trustedRoot(endpoints.certificate(files.rootCertificate())));
            trace.observer().onEvent(SetupSteps.connecting(endpoint.address.host, endpoint.address.port));
            SecureChannel channel = ClientApp.connect(endpoint.address.host, endpoint.address.port, handshakeTimeout,
                    endpoints.clientConfig(files, expectedName(), protocol, trace.observer()), endpoints.formats());
            Iterator<String> input = messages != null ? messages.iterator()
                    : new BoundedLines(new BufferedInputStream(System.in), RecordLimits.MAX_PLAINTEXT);
            ClientApp.converse(channel, input, trace.messages()::println);
        }
        return 0;
    }

    /** The name to check: {@code --server-name}, else the host connected to, else the seed's default run's name. */
    private String expectedName() {
        if (serverName != null) {
            return serverName;
        }
        boolean hostGiven = spec.commandLine().getParseResult().hasMatchedOption("--host");
        return hostGiven ? endpoint.address.host : SEED_SERVER_NAME;
    }
}
