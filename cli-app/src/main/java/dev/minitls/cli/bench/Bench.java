package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.bench.BenchResult.Detail;
import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.port.CryptoProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one benchmark on minitls with each chosen provider and, when asked, on the JDK's TLS: each in turn, with its
 * own server, on the same certificates and the same workload.
 */
public final class Bench {

    /** The longest the handshake floor's primitives are warmed up and measured, each. */
    private static final Duration FLOOR_TIME = Duration.ofSeconds(1);
    private static final Duration MIN_FLOOR_TIME = Duration.ofMillis(50);

    private final BenchSettings settings;
    private final BenchPki pki = new BenchPki();

    public Bench(BenchSettings settings) {
        this.settings = settings;
    }

    /** minitls on {@code provider}, speaking {@code protocol}. */
    public BenchResult minitls(CryptoChoice provider, ProtocolVersion protocol) {
        Endpoints endpoints = Wiring.endpoints(provider);
        BenchResult result;
        try (Target target = new MinitlsTarget(endpoints, protocol, pki, behaviour(), maxConnections())) {
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
        return new BenchResult(result.impl(), result.mode(), result.protocol(), result.provider(),
                result.concurrency(), result.size(), result.figure(), details);
    }

    /** The JDK's TLS 1.3, set up as {@link JsseTarget} describes. */
    public BenchResult jsse() {
        try (Target target = new JsseTarget(pki, behaviour())) {
            return run(target);
        }
    }

    private BenchResult run(Target target) {
        BenchResult result = switch (settings.mode()) {
            case handshakes -> Workloads.handshakes(target, settings);
            case bulk -> Workloads.bulk(target, settings);
            case echo -> Workloads.echo(target, settings);
            case sessions -> Workloads.sessions(target, settings);
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

    /** The floor measured with a warm-up and time that follow {@code --warmup}, within 50 ms and 1 s. */
    private HandshakeFloor floor(CryptoProvider crypto) {
        Duration time = settings.warmup().compareTo(FLOOR_TIME) > 0 ? FLOOR_TIME
                : settings.warmup().compareTo(MIN_FLOOR_TIME) < 0 ? MIN_FLOOR_TIME : settings.warmup();
        List<Figure> figures = new Speed(time, time).run(List.of(crypto), HandshakeFloor.PRIMITIVES, figure -> { });
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
