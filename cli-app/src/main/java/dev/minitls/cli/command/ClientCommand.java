package dev.minitls.cli.command;

import dev.minitls.cli.runtime.BoundedLines;
import dev.minitls.cli.runtime.ClientApp;
import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.trace.SetupSteps;
import dev.minitls.cli.trace.Tracing;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import java.io.BufferedInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minitls client}: handshake, then send messages as encrypted records. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Connect, complete the handshake, then send each --message (or each line of standard input)"
                + " as one encrypted record; print what the server sends back (v2, tls13).",
        footer = {"", "Examples:", "  minitls client --message hello --message world",
                "  echo hello | minitls client --port 9914",
                "  minitls client --host 127.0.0.1 --server-name example-server --message hello",
                "  minitls client --protocol tls13 --connect localhost:9914 --server-name example-server"
                        + " --ca-file certs/root_ca_certificate.pem --message hello",
                "  minitls client --protocol tls13 --groups secp256r1,x25519 --suites TLS_AES_256_GCM_SHA384"
                        + " --message hello",
                "  minitls client --protocol tls13 --key-update-every 2 --message a --message b --message c",
                "  minitls client --trace --message hello        (every step with its values, secrets included)",
                "  minitls client --trace=json --message hello   (the same as JSON lines, for tools)"})
public final class ClientCommand implements Callable<Integer> {

    /** The name checked when the client connects to the default host: the seed's server, as the original does. */
    static final String SEED_SERVER_NAME = "example-server";

    @Mixin
    private EndpointOptions endpoint;

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "Name the server's certificate must carry, sent in the ClientHello (tls13: as SNI)"
                    + " (default: the host of --connect or --host; without either, " + SEED_SERVER_NAME
                    + ", as the original program).")
    private String serverName;

    @Option(names = "--connect", paramLabel = "HOST:PORT", converter = ConnectOption.class,
            description = "Where to connect, as openssl s_client takes it; instead of --host and --port, not with"
                    + " them.")
    private ConnectOption.Target connect;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "Trust the root certificate in this PEM file instead of --dir's"
                    + " certs/root_ca_certificate.pem.")
    private Path caFile;

    @Option(names = "--key-update-every", paramLabel = "N", converter = RecordCountOption.class,
            description = "tls13 only: request a KeyUpdate after every N records sent.")
    private Integer keyUpdateEvery;

    @Mixin
    private Tls13Options tls13;

    @Spec
    private CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "v2", paramLabel = "v1|v2|tls13",
            converter = ProtocolOption.class,
            description = "Protocol to speak: v2 (default), v1 (the original's) or tls13 (TLS 1.3, RFC 8446). The"
                    + " client never falls back.")
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
        checkOptions();
        Tls13Settings settings = tls13.settings(spec.commandLine(), protocol == ProtocolVersion.TLS13,
                Tls13Options.fixedIn(protocol));
        Endpoints endpoints = endpoint.common.endpoints();
        Path rootFile = caFile != null ? caFile : endpoint.dir.files().rootCertificate();
        if (caFile == null) {
            PkiFiles.requireMade(rootFile);
        }
        List<Certificate> roots = endpoints.trustAnchors(rootFile);
        String host = connect != null ? connect.host() : endpoint.address.host;
        int port = connect != null ? connect.port() : endpoint.address.port;
        try (Tracing trace = endpoint.tracing.start(Side.CLIENT, HandshakeObserver.NONE)) {
            roots.forEach(root -> trace.observer().onEvent(SetupSteps.trustedRoot(root)));
            trace.observer().onEvent(SetupSteps.connecting(host, port));
            ClientConfig config = endpoints.clientConfig(roots, expectedName(), protocol, trace.observer())
                    .withTls13(settings);
            SecureSession channel = ClientApp.connect(host, port, handshakeTimeout, config, endpoints.formats());
            Iterator<String> input = messages != null ? messages.iterator()
                    : new BoundedLines(new BufferedInputStream(System.in), RecordLimits.MAX_PLAINTEXT);
            ClientApp.converse(channel, input, trace.messages()::println,
                    keyUpdateEvery != null ? keyUpdateEvery : 0);
        }
        return 0;
    }

    /** Refuses options that do not go together, as a usage error. */
    private void checkOptions() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (connect != null && (parsed.hasMatchedOption("--host") || parsed.hasMatchedOption("--port"))) {
            throw new ParameterException(spec.commandLine(),
                    "--connect names the host and the port: give it or --host and --port, not both");
        }
        if (keyUpdateEvery != null && protocol != ProtocolVersion.TLS13) {
            throw new ParameterException(spec.commandLine(), "--key-update-every needs --protocol tls13: protocol "
                    + protocol + " has no KeyUpdate, its keys never change");
        }
    }

    /**
     * The name to check: {@code --server-name}, else the host connected to ({@code --connect}, {@code --host}), else
     * the seed's default run's name.
     */
    private String expectedName() {
        if (serverName != null) {
            return serverName;
        }
        if (connect != null) {
            return connect.host();
        }
        boolean hostGiven = spec.commandLine().getParseResult().hasMatchedOption("--host");
        return hostGiven ? endpoint.address.host : SEED_SERVER_NAME;
    }
}
