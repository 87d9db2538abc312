package dev.minitls.cli.command;

import dev.minitls.cli.app.Endpoints;
import dev.minitls.cli.app.ServerApp;
import dev.minitls.cli.app.ServerApp.ServerEvents;
import dev.minitls.domain.trace.HandshakeObserver;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minitls server}: serves many clients at once until stopped, printing what each one sends. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve v1 and v2 clients until stopped (Ctrl-C), printing each decrypted message with its sender.",
        footer = {"", "Example: minitls server --dir . --port 9914 --echo"})
public final class ServerCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Mixin
    private DirOption dir;

    @Mixin
    private AddressOptions address;

    @Option(names = "--echo", description = "Send each message of a v2 client back to it.")
    private boolean echo;

    @Override
    public Integer call() throws InterruptedException {
        Endpoints endpoints = common.injector().getInstance(Endpoints.class);
        PrintStream out = System.out;
        // Ctrl-C runs the shutdown hook: it stops accepting, closes open connections and lets this thread end.
        CountDownLatch stopped = new CountDownLatch(1);
        try (ServerApp server = ServerApp.start(address.host, address.port,
                endpoints.serverConfig(dir.files(), HandshakeObserver.NONE), endpoints.formats(), echo,
                ServerEvents.printingTo(out, System.err))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "minitls-shutdown"));
            out.println("minitls server listening on " + address.host + ":" + server.port() + " (protocols v1 and v2, provider "
                    + endpoints.crypto().name() + (echo ? ", echo" : "") + "); Ctrl-C stops it");
            stopped.await();
        }
        return 0;
    }
}
