package dev.minitls.cli.command;

import dev.minitls.cli.bench.Figure;
import dev.minitls.cli.bench.HandshakeFloor;
import dev.minitls.cli.bench.Primitive;
import dev.minitls.cli.bench.Speed;
import dev.minitls.cli.bench.SpeedTable;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.domain.port.CryptoProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minitls speed}: how fast each crypto primitive runs on each provider, like {@code openssl speed}. */
@Command(name = "speed", mixinStandardHelpOptions = true,
        description = "Measure each primitive on each crypto provider (one thread, after a warm-up): X25519 and"
                + " P-256, Ed25519, ECDSA P-256 and RSA-2048 PSS sign and verify, AES-256-GCM at 1 and 16 KiB, HKDF,"
                + " HMAC, SHA-256, X.509 parsing; and the handshake floor, the public-key work of one full"
                + " handshake.",
        footer = {"", "Examples:", "  minitls speed", "  minitls speed --provider bc --seconds 3 --json"})
public final class SpeedCommand implements Callable<Integer> {

    @Option(names = "--provider", defaultValue = ProvidersOption.ALL, paramLabel = "NAME|all",
            converter = ProvidersOption.class,
            description = "A crypto provider (bc, jca, fast) or all of them (default: ${DEFAULT-VALUE}).")
    private List<CryptoChoice> providers;

    @Option(names = "--seconds", defaultValue = "1", paramLabel = "S", converter = SecondsOption.Positive.class,
            description = "Measuring time per figure, in seconds (default: ${DEFAULT-VALUE}).")
    private Duration seconds;

    @Option(names = "--warmup", defaultValue = "0.5", paramLabel = "S", converter = SecondsOption.class,
            description = "Uncounted run of each primitive before it is measured: at least S seconds, then until the"
                    + " JIT is quiet (default: ${DEFAULT-VALUE}).")
    private Duration warmup;

    @Option(names = "--json", description = "One JSON object per figure, one per line, instead of a table.")
    private boolean json;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        List<CryptoProvider> cryptos = providers.stream()
                .map(choice -> Wiring.endpoints(choice).crypto())
                .toList();
        List<Primitive> primitives = List.of(Primitive.values());
        if (!json) {
            out.printf(Locale.ROOT, "minitls speed: %s s per figure after a warm-up of at least %s s, one thread,"
                            + " Java %s, %d cores%n", seconds.toMillis() / 1e3, warmup.toMillis() / 1e3,
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
        }
        List<Figure> figures = new Speed(warmup, seconds).run(cryptos, primitives, figure -> {
            if (json) {
                out.println(figure.json());
            }
        });
        List<HandshakeFloor> floors = cryptos.stream().map(c -> HandshakeFloor.of(c.name(), figures)).toList();
        if (json) {
            floors.forEach(floor -> out.println(floor.json()));
        } else {
            SpeedTable.print(out, cryptos.stream().map(CryptoProvider::name).toList(), primitives, figures, floors);
        }
        return 0;
    }
}
