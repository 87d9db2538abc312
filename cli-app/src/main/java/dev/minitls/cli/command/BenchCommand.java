package dev.minitls.cli.command;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.bench.Bench;
import dev.minitls.cli.bench.BenchResult;
import dev.minitls.cli.bench.BenchSettings;
import dev.minitls.cli.bench.Mode;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.record.RecordLimits;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minitls bench}: minitls over real TCP on loopback, optionally beside the JDK's own TLS 1.3. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure minitls end to end: an in-process server on loopback, real TCP, real certificates."
                + " handshakes: new connections, each a full handshake and one small record echoed (handshakes/s,"
                + " p50/p99 latency, and the handshake floor from speed); bulk: one session streaming records one way"
                + " (MiB/s); echo: one session, each record echoed before the next (round trips/s); sessions: many"
                + " sessions held open at once (heap per idle session). --baseline jsse runs the same with the JDK's"
                + " TLS 1.3 and prints the ratio minitls/JSSE.",
        footer = {"", "Examples:", "  minitls bench --mode handshakes --concurrency 2 --baseline jsse",
                "  minitls bench --mode bulk --size 16384 --seconds 5 --baseline jsse --json",
                "  minitls bench --mode sessions --connections 5000"})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--mode", defaultValue = "handshakes", paramLabel = "MODE",
            description = "handshakes, bulk, echo or sessions (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--protocol", defaultValue = "v2", paramLabel = "v1|v2", converter = ProtocolOption.class,
            description = "minitls protocol (default: ${DEFAULT-VALUE}).")
    private ProtocolVersion protocol;

    @Option(names = "--provider", defaultValue = "fast", paramLabel = "NAME|all", converter = ProvidersOption.class,
            description = "minitls crypto provider (bc, jca, fast) or all of them in turn (default: ${DEFAULT-VALUE}).")
    private List<CryptoChoice> providers;

    @Option(names = "--connections", paramLabel = "N",
            description = "handshakes: how many (default 2000); sessions: how many are held open (default 5000).")
    private Integer connections;

    @Option(names = "--concurrency", defaultValue = "2", paramLabel = "C",
            description = "Client threads connecting at once (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--size", paramLabel = "BYTES",
            description = "Bytes per record, 0 to 16384 (default: 32 for handshakes and sessions, 16384 for bulk,"
                    + " 1024 for echo).")
    private Integer size;

    @Option(names = "--seconds", paramLabel = "S", converter = SecondsOption.Positive.class,
            description = "bulk and echo: measuring time (default 5); handshakes and sessions: stop early after S.")
    private Duration seconds;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "S", converter = SecondsOption.class,
            description = "The same workload, uncounted, before measuring: at least S seconds, then until the JIT is"
                    + " quiet (default: ${DEFAULT-VALUE}; none for sessions).")
    private Duration warmup;

    @Option(names = "--baseline", paramLabel = "jsse",
            description = "Also run the JDK's TLS 1.3 (SSLSocket) and print the ratio minitls/JSSE.")
    private Baseline baseline;

    @Option(names = "--json", description = "One JSON object per result, one per line.")
    private boolean json;

    @Mixin
    private VerboseOption verbose;

    /** The implementations to compare with. */
    enum Baseline {
        jsse
    }

    @Override
    public Integer call() {
        BenchSettings settings = settings();
        PrintStream out = System.out;
        if (!json) {
            out.printf(Locale.ROOT, "minitls bench: %s, %d-byte records, concurrency %d%s, warm-up %s s; %d cores,"
                            + " Java %s%n", mode, settings.size(), settings.concurrencyUsed(),
                    connectionsText(settings), warmup.toMillis() / 1e3, Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
        }
        Bench bench = new Bench(settings);
        List<BenchResult> results = new ArrayList<>();
        for (CryptoChoice provider : providers) {
            results.add(bench.minitls(provider, protocol));
        }
        Optional<BenchResult> jsse = baseline == null ? Optional.empty() : Optional.of(bench.jsse());
        for (BenchResult result : results) {
            OptionalDouble ratio = jsse.map(j -> OptionalDouble.of(result.figure() / j.figure()))
                    .orElse(OptionalDouble.empty());
            out.println(json ? result.json(ratio) : result.text());
        }
        jsse.ifPresent(j -> out.println(json ? j.json(OptionalDouble.empty()) : j.text()));
        if (!json) {
            jsse.ifPresent(j -> results.forEach(result -> out.printf(Locale.ROOT, "ratio minitls/jsse (%s): %.2f%n",
                    result.provider(), result.figure() / j.figure())));
        }
        return 0;
    }

    private BenchSettings settings() {
        int recordSize = size != null ? size : mode.defaultSize();
        if (recordSize < 0 || recordSize > RecordLimits.MAX_PLAINTEXT) {
            throw new UserError("--size must be 0 to " + RecordLimits.MAX_PLAINTEXT + ", got " + recordSize);
        }
        if (concurrency < 1 || connections != null && connections < 1) {
            throw new UserError("--concurrency and --connections must be at least 1");
        }
        int count = connections != null ? connections : mode == Mode.sessions ? 5000 : 2000;
        Optional<Duration> time = Optional.ofNullable(seconds)
                .or(() -> mode.timedSession() ? Optional.of(Duration.ofSeconds(5)) : Optional.empty());
        return new BenchSettings(mode, count, concurrency, recordSize, time, warmup);
    }

    private static String connectionsText(BenchSettings settings) {
        return switch (settings.mode()) {
            case handshakes -> String.format(Locale.ROOT, ", %,d connections", settings.connections());
            case sessions -> String.format(Locale.ROOT, ", %,d sessions", settings.connections());
            case bulk, echo -> "";
        };
    }
}
