package dev.minitls.cli.command;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.bench.Algorithms;
import dev.minitls.cli.bench.Bench;
import dev.minitls.cli.bench.BenchResult;
import dev.minitls.cli.bench.BenchSettings;
import dev.minitls.cli.bench.Mode;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import dev.minitls.domain.record.RecordLimits;
import java.io.PrintStream;
import java.nio.file.Path;
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

/** {@code minitls bench}: minitls over real TCP on loopback, optionally beside the JDK's and Bouncy Castle's TLS 1.3. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure minitls end to end: an in-process server on loopback, real TCP, real certificates."
                + " handshakes: new connections, each a full handshake and one small record echoed (handshakes/s,"
                + " p50/p99 latency, and the handshake floor from speed); bulk: one session streaming records one way"
                + " (MiB/s); echo: one session, each record echoed before the next (round trips/s); sessions: many"
                + " sessions held open at once (heap per idle session; in tls13 of the server alone, the clients held"
                + " by a child JVM; in v1 and v2 of both ends). --baseline jsse runs the same with the JDK's"
                + " TLS 1.3, bcjsse with Bouncy Castle's (its own jars, in a class loader of their own), all with both,"
                + " and prints the ratio minitls/baseline. In tls13, --suite, --group and --key-type choose the"
                + " algorithms, the same for minitls and the baselines.",
        footer = {"", "Examples:", "  minitls bench --mode handshakes --concurrency 2 --baseline jsse",
                "  minitls bench --protocol tls13 --mode handshakes --group secp256r1 --key-type ecdsa-p256"
                        + " --baseline all",
                "  minitls bench --mode bulk --size 16384 --seconds 5 --baseline jsse --json",
                "  minitls bench --mode sessions --connections 5000",
                "  minitls bench --protocol tls13 --connect localhost:4433 --ca-file root.pem --size 0"})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--mode", defaultValue = "handshakes", paramLabel = "MODE",
            description = "handshakes, bulk, echo or sessions (default: ${DEFAULT-VALUE}).")
    private Mode mode;

    @Option(names = "--protocol", defaultValue = "v2", paramLabel = "v1|v2|tls13", converter = ProtocolOption.class,
            description = "minitls protocol (default: ${DEFAULT-VALUE}).")
    private ProtocolVersion protocol;

    @Option(names = "--suite", paramLabel = "SUITE", converter = Tls13Options.SuiteName.class,
            description = "tls13: the one cipher suite, TLS_AES_128_GCM_SHA256 (default), TLS_AES_256_GCM_SHA384 or"
                    + " TLS_CHACHA20_POLY1305_SHA256.")
    private CipherSuite suite;

    @Option(names = "--group", paramLabel = "GROUP", converter = Tls13Options.GroupName.class,
            description = "tls13: the one key exchange group, x25519 (default) or secp256r1.")
    private NamedGroup group;

    @Option(names = "--key-type", paramLabel = "TYPE",
            description = "tls13: the key type of the certificates, ed25519 (default), ecdsa-p256 or rsa-2048.")
    private String keyType;

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

    @Option(names = "--baseline", paramLabel = "jsse|bcjsse|all",
            description = "Also run the JDK's TLS 1.3 (jsse), Bouncy Castle's (bcjsse) or both (all), and print the"
                    + " ratio minitls/baseline.")
    private Baseline baseline;

    @Option(names = "--connect", paramLabel = "HOST:PORT", converter = ConnectOption.class,
            description = "Load this TLS 1.3 server instead of one in this process, with minitls's tls13 client"
                    + " (needs --protocol tls13 and --ca-file): handshakes at --concurrency, or bulk and echo against"
                    + " an echo server. --size 0 measures handshakes alone, against a server that does not echo.")
    private ConnectOption.Target connect;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "With --connect: the root certificates (PEM) the server's chain must lead to.")
    private Path caFile;

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "With --connect: the name sent (SNI) and checked in the server's certificate (default: the"
                    + " host).")
    private String serverName;

    @Option(names = "--json", description = "One JSON object per result, one per line.")
    private boolean json;

    @Mixin
    private VerboseOption verbose;

    /** The implementations to compare with. */
    enum Baseline {
        jsse, bcjsse, all;

        boolean withJsse() {
            return this != bcjsse;
        }

        boolean withBcjsse() {
            return this != jsse;
        }
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
        Bench bench = new Bench(settings, protocol, algorithms());
        List<BenchResult> results = new ArrayList<>();
        for (CryptoChoice provider : providers) {
            results.add(connect == null ? bench.minitls(provider) : bench.connect(provider, connect.host(),
                    connect.port(), caFile, serverName != null ? serverName : connect.host()));
        }
        Optional<BenchResult> jsse = baseline != null && baseline.withJsse() ? Optional.of(bench.jsse())
                : Optional.empty();
        Optional<BenchResult> bcjsse = baseline != null && baseline.withBcjsse() ? Optional.of(bench.bcjsse())
                : Optional.empty();
        for (BenchResult result : results) {
            out.println(json ? result.json(ratio(result, jsse), ratio(result, bcjsse)) : result.text());
        }
        for (BenchResult base : List.of(jsse, bcjsse).stream().flatMap(Optional::stream).toList()) {
            out.println(json ? base.json(OptionalDouble.empty(), OptionalDouble.empty()) : base.text());
        }
        if (!json) {
            for (BenchResult base : List.of(jsse, bcjsse).stream().flatMap(Optional::stream).toList()) {
                results.forEach(result -> out.printf(Locale.ROOT, "ratio minitls/%s (%s): %.2f%n", base.impl(),
                        result.provider(), result.figure() / base.figure()));
            }
        }
        return 0;
    }

    private static OptionalDouble ratio(BenchResult result, Optional<BenchResult> baseline) {
        return baseline.map(base -> OptionalDouble.of(result.figure() / base.figure())).orElse(OptionalDouble.empty());
    }

    /** The algorithms of tls13 as the options choose them; v1 and v2 have theirs fixed and take none. */
    private Algorithms algorithms() {
        if (protocol.jsonLines()) {
            if (suite != null || group != null || keyType != null) {
                throw new UserError("--suite, --group and --key-type choose TLS 1.3's algorithms: they need"
                        + " --protocol tls13");
            }
            return Algorithms.JSON_PROTOCOLS_BASELINE;
        }
        Algorithms defaults = Algorithms.DEFAULT;
        return new Algorithms(
                suite == null ? defaults.suite() : suite,
                group == null ? defaults.group() : group,
                keyType == null ? defaults.keyType() : KeyType.named(keyType).orElseThrow(() -> new UserError(
                        "--key-type must be one of " + KeyType.names() + ", got " + PeerText.quote(keyType))));
    }

    /** --connect's options go together, and with none of what a server in this process would need. */
    private void checkConnect() {
        if (connect == null) {
            if (caFile != null || serverName != null) {
                throw new UserError("--ca-file and --server-name go with --connect");
            }
            return;
        }
        if (protocol != ProtocolVersion.TLS13 || caFile == null) {
            throw new UserError("--connect needs --protocol tls13 and --ca-file");
        }
        if (baseline != null || mode == Mode.sessions || keyType != null) {
            throw new UserError("--connect measures minitls's client against a server elsewhere: no --baseline,"
                    + " --mode sessions or --key-type (the server's key is the server's)");
        }
    }

    private BenchSettings settings() {
        checkConnect();
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
