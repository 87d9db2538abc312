package dev.minitls.cli.command;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.soak.Soak;
import dev.minitls.cli.soak.SoakReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minitls soak}: a server under a stream of good and hostile clients on the loopback, checked afterwards. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Soak a server on the loopback: many connections from several threads, good clients and"
                + " hostile ones mixed. Passes when every good client was served, every hostile one refused with its"
                + " own one-line report, the server still serves, and threads, open sockets and heap came back."
                + " Stops by itself.",
        footer = {"", "Example: minitls soak --connections 20000 --threads 16"})
public final class SoakCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "2000",
            description = "Connections in all (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "Client threads making them at once (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "600",
            converter = SecondsOption.Positive.class,
            description = "The soak fails if the connections take longer (default: ${DEFAULT-VALUE}).")
    private Duration timeLimit;

    @Override
    public Integer call() throws InterruptedException {
        Endpoints endpoints = common.endpoints();
        Soak.Options options;
        try {
            options = new Soak.Options(connections, threads, timeLimit, Soak.Options.LIMITS);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        SoakReport report = Soak.run(endpoints, options);
        PrintStream out = System.out;
        report.lines().forEach(out::println);
        return report.passed() ? 0 : MinitlsCommand.FAILED;
    }
}
