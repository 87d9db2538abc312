package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.bench.BenchResult.Detail;
import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.port.CryptoProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one benchmark on minitls with each chosen provider and, when asked, on the baselines (the JDK's TLS, Bouncy
 * Castle's): each in turn, with its own server, on the same certificates, algorithms and workload. The sessions mode
 * measures the server's side alone in tls13 (the clients in a child JVM: {@link ServerSessions}), both ends in this
 * process in v1 and v2.
 */
public final class Bench {

    /** The longest each of the handshake floor's primitives is measured, in each of its measurements. */
    private static final Duration FLOOR_TIME = Duration.ofSeconds(1);
    private static final Duration MIN_FLOOR_TIME = Duration.ofMillis(50);
    private static final int FLOOR_MEASUREMENTS = 3;

    private final BenchSettings settings;
    private final ProtocolVersion protocol;
    private final Algorithms algorithms;
    private final BenchPki pki;

    /**
     * A benchmark of minitls speaking {@code protocol}: tls13 with {@code algorithms}, or v1 or v2 (whose algorithms
     * are fixed) with {@link Algorithms#JSON_PROTOCOLS_BASELINE}, the JSSE baselines' then.
     */
    public Bench(BenchSettings settings, ProtocolVersion protocol, Algorithms algorithms) {
        this.settings = settings;
        this.protocol = protocol;
        this.algorithms = algorithms;
        this.pki = new BenchPki(algorithms.keyType());
    }

    /** minitls on {@code provider}. */
    public BenchResult minitls(CryptoChoice provider) {
        Endpoints endpoints = Wiring.endpoints(provider);
        BenchResult result;
        try (Target target = new MinitlsTarget(endpoints, protocol, algorithms, pki, behaviour(),
                maxConnections())) {
            result = run(target);
        }
        if (settings.mode() != Mode.handshakes) {
            return result;
        }
        HandshakeFloor floor = floor(endpoints.crypto());
        List<Detail> details = new ArrayList<>(result.details());
        details.add(new Detail("floor", "per_s", floor.perSecond()));
        details.add(new Detail("efficiency", "", result.figure() / floor.perSecond()));
        result.details().stream().filter(detail -> detail.name().equals("cpu")).findFirst().ifPresent(cpu ->
                details.add(new Detail("cpu_efficiency", "", floor.micros() / cpu.value())));
        return result.withDetails(details);
    }

    /**
     * minitls's tls13 client on {@code provider} loading the server at {@code host:port}, which must present a chain
     * to one of the roots in {@code caFile} for {@code serverName}; bulk and echo need an echo server.
     */
    public BenchResult connect(CryptoChoice provider, String host, int port, Path caFile, String serverName) {
        Endpoints endpoints = Wiring.endpoints(provider);
        try (Target target = new ConnectTarget(endpoints, host, port, endpoints.trustAnchors(caFile), serverName,
                algorithms, behaviour())) {
            return run(target);
        }
    }

    /** The JDK's TLS 1.3, set up as {@link JsseTarget} describes. */
    public BenchResult jsse() {
        return baseline(Jsse.JDK);
    }

    /** Bouncy Castle's TLS 1.3, from its own class loader ({@link BcJsse}), set up as {@link JsseTarget} describes. */
    public BenchResult bcjsse() {
        return baseline(BcJsse.load());
    }

    private BenchResult baseline(Jsse jsse) {
        try (Target target = new JsseTarget(jsse, algorithms, pki, behaviour())) {
            return run(target);
        }
    }

    private BenchResult run(Target target) {
        BenchResult result = switch (settings.mode()) {
            case handshakes -> Workloads.handshakes(target, settings);
            case bulk -> Workloads.bulk(target, settings);
            case echo -> Workloads.echo(target, settings);
            case sessions -> protocol.jsonLines() ? Workloads.sessions(target, settings)
                    : ServerSessions.inChildJvm().measure(target, settings, algorithms, pki.rootCertificatePem());
        };
        if (target.resumedHandshakes() > 0) {
            throw new UserError(target.impl() + " resumed " + target.resumedHandshakes()
                    + " sessions instead of full handshakes; the figures would not compare");
        }
        if (target.serverFailures() > 0) {
            throw new UserError(target.impl() + ": " + target.serverFailures() + " connections failed on the server");
        }
        return result;
    }

    /**
     * The floor: each primitive measured {@value #FLOOR_MEASUREMENTS} times for a time that follows {@code --warmup}
     * within 50 ms and 1 s (the first time after a warm-up as long, the later ones after 50 ms), and its fastest
     * figure taken. Measured once, a collection or a compilation during the measurement, right after the
     * handshakes, could lower it by a third.
     */
    private HandshakeFloor floor(CryptoProvider crypto) {
        Duration time = settings.warmup().compareTo(FLOOR_TIME) > 0 ? FLOOR_TIME
                : settings.warmup().compareTo(MIN_FLOOR_TIME) < 0 ? MIN_FLOOR_TIME : settings.warmup();
        Speed speed = new Speed(time, time);
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < FLOOR_MEASUREMENTS; i++) {
            figures.addAll(speed.run(List.of(crypto), HandshakeFloor.PRIMITIVES, figure -> { }));
            speed = speed.withWarmup(MIN_FLOOR_TIME);
        }
        return HandshakeFloor.of(crypto.name(), figures);
    }

    private Target.Behaviour behaviour() {
        return settings.mode() == Mode.bulk ? Target.Behaviour.SINK : Target.Behaviour.ECHO;
    }

    /**
     * Room for every session of the sessions mode; otherwise for the clients in flight and the connections whose
     * server side is still ending when the client has moved on.
     */
    private int maxConnections() {
        int inFlight = 2 * settings.concurrency() + 64;
        return settings.mode() == Mode.sessions ? settings.connections() + inFlight : inFlight;
    }
}
