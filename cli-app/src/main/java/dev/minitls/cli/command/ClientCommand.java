package dev.minitls.cli.command;

import dev.minitls.cli.app.BoundedLines;
import dev.minitls.cli.app.ClientApp;
import dev.minitls.cli.app.Endpoints;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.record.RecordLimits;
import dev.minitls.domain.trace.HandshakeObserver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minitls client}: handshake, then send messages as encrypted records. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Connect, complete the handshake, then send each --message (or each line of standard input)"
                + " as one encrypted record.",
        footer = {"", "Examples:", "  minitls client --message hello --message world",
                "  echo hello | minitls client --host localhost --port 9914"})
public final class ClientCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Mixin
    private DirOption dir;

    @Option(names = "--host", defaultValue = "localhost", description = "Server address (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "9914", description = "Server port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--server-name", defaultValue = "example-server", paramLabel = "NAME",
            description = "Name the server's certificate must carry (default: ${DEFAULT-VALUE}).")
    private String serverName;

    @Option(names = "--message", paramLabel = "TEXT",
            description = "A message to send; repeat for several. Without it, standard input is sent line by line.")
    private List<String> messages;

    @Override
    public Integer call() throws IOException {
        Endpoints endpoints = common.injector().getInstance(Endpoints.class);
        try (SecureChannel channel = ClientApp.connect(host, port,
                endpoints.clientConfig(dir.files(), serverName, HandshakeObserver.NONE), endpoints.codec())) {
            if (messages != null) {
                messages.forEach(message -> ClientApp.send(channel, message));
            } else {
                BoundedLines lines = new BoundedLines(new BufferedInputStream(System.in), RecordLimits.MAX_PLAINTEXT);
                for (Optional<String> line = lines.next(); line.isPresent(); line = lines.next()) {
                    ClientApp.send(channel, line.get());
                }
            }
        }
        return 0;
    }
}
