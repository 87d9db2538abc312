package dev.minitls.cli.command;

import dev.minitls.cli.app.BoundedLines;
import dev.minitls.cli.app.ClientApp;
import dev.minitls.cli.app.Endpoints;
import dev.minitls.cli.app.PkiFiles;
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
import picocli.CommandLine.Option;

/** {@code minitls client}: handshake, then send messages as encrypted records. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Connect, complete the handshake, then send each --message (or each line of standard input)"
                + " as one encrypted record; print what the server sends back (v2).",
        footer = {"", "Examples:", "  minitls client --message hello --message world",
                "  echo hello | minitls client --host localhost --port 9914",
                "  minitls client --trace --message hello        (every step with its values, secrets included)",
                "  minitls client --trace=json --message hello   (the same as JSON lines, for tools)"})
public final class ClientCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Mixin
    private DirOption dir;

    @Mixin
    private AddressOptions address;

    @Mixin
    private TraceOptions tracing;

    @Option(names = "--server-name", defaultValue = "example-server", paramLabel = "NAME",
            description = "Name the server's certificate must carry (default: ${DEFAULT-VALUE}).")
    private String serverName;

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
        Endpoints endpoints = common.injector().getInstance(Endpoints.class);
        PkiFiles files = dir.files();
        PkiFiles.requireMade(files.rootCertificate());
        try (Tracing trace = tracing.start(Side.CLIENT, HandshakeObserver.NONE)) {
            trace.observer().onEvent(SetupSteps.trustedRoot(endpoints.certificate(files.rootCertificate())));
            trace.observer().onEvent(SetupSteps.connecting(address.host, address.port));
            SecureChannel channel = ClientApp.connect(address.host, address.port, handshakeTimeout,
                    endpoints.clientConfig(files, serverName, protocol, trace.observer()), endpoints.formats());
            Iterator<String> input = messages != null ? messages.iterator()
                    : new BoundedLines(new BufferedInputStream(System.in), RecordLimits.MAX_PLAINTEXT);
            ClientApp.converse(channel, input, trace.messages()::println);
        }
        return 0;
    }
}
