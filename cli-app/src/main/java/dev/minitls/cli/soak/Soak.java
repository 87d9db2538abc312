package dev.minitls.cli.soak;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.ServerApp;
import dev.minitls.cli.runtime.ServerLimits;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.ServerConfig;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.domain.trace.HandshakeObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A soak on the loopback: one echoing server, a number of connections from several client threads, every other one
 * a good client and the rest hostile ({@link SoakCase}). It stops by itself, after the last connection or at its
 * time limit. Afterwards every good client must have been served, every hostile one reported by the server with the
 * line its case expects, the server must still accept a client, and once it is closed the process must hold no more
 * threads and open sockets than before it started, and about the same heap.
 */
public final class Soak {

    /** How much more heap, after a collection, than before the soak still counts as bounded. */
    static final long HEAP_SLACK_BYTES = 64L << 20;

    private static final String SERVER_NAME = "soak-server";
    private static final Duration THREADS_END_WITHIN = Duration.ofSeconds(10);

    /**
     * How big a soak is.
     *
     * @param connections how many connections in all (after one warm-up connection of each kind)
     * @param threads how many client threads make them
     * @param timeLimit how long the connections may take in all; the soak stops at this limit and fails
     * @param limits the server's limits; its caps must leave room for {@code threads} connections at once
     */
    public record Options(int connections, int threads, Duration timeLimit, ServerLimits limits) {

        /**
         * Limits that end slow and silent clients quickly: 1 s per handshake, 5 s per frame; every client comes from
         * the loopback address, so its caps are the whole server's.
         */
        public static final ServerLimits LIMITS = new ServerLimits(64, 64, 64, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(5));

        /** @throws IllegalArgumentException naming the first value out of range */
        public Options {
            Objects.requireNonNull(timeLimit, "timeLimit");
            Objects.requireNonNull(limits, "limits");
            if (connections < 1) {
                throw new IllegalArgumentException("a soak needs at least 1 connection, got " + connections);
            }
            int room = Math.min(Math.min(limits.maxConnections(), limits.maxHandshakes()),
                    Math.min(limits.maxConnectionsPerAddress(), limits.maxHandshakesPerAddress()));
            if (threads < 1 || threads > room) {
                throw new IllegalArgumentException("client threads must be 1 to " + room + ", got " + threads);
            }
            if (timeLimit.toMillis() < 1) {
                throw new IllegalArgumentException("the time limit must be positive, got " + timeLimit);
            }
        }
    }

    private final Endpoints endpoints;
    private final CryptoProvider crypto;
    private final WireFormats formats;
    private final ServerConfig serverConfig;
    private final Map<ProtocolVersion, ClientConfig> clientConfigs = new EnumMap<>(ProtocolVersion.class);

    private Soak(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.crypto = endpoints.crypto();
        this.formats = endpoints.formats();
        IssuedMaterial pki = PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC());
        this.serverConfig = endpoints.serverConfig(pki.serverCertificatePem().getBytes(US_ASCII),
                pki.serverPrivateKeyPem().getBytes(US_ASCII), EnumSet.allOf(ProtocolVersion.class),
                HandshakeObserver.NONE);
        Certificate root = crypto.parseCertificate(pki.rootCertificatePem().getBytes(US_ASCII));
        for (ProtocolVersion protocol : ProtocolVersion.values()) {
            clientConfigs.put(protocol, endpoints.clientConfig(root, SERVER_NAME, protocol, HandshakeObserver.NONE));
        }
    }

    /** Runs a soak with {@code endpoints}' ports on both sides; the report says what happened and whether it passed. */
    public static SoakReport run(Endpoints endpoints, Options options) throws InterruptedException {
        return new Soak(endpoints).run(options);
    }

    private SoakReport run(Options options) throws InterruptedException {
        warmUp(options.limits());
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        Resources before = Resources.measure();
        SoakReport.Builder report = new SoakReport.Builder(options, crypto.name(), before);

        SoakEvents events = new SoakEvents(SoakCase.HOSTILE.stream().map(c -> c.report().orElseThrow()).toList());
        try (ServerApp server = ServerApp.start("127.0.0.1", 0, options.limits(), serverConfig, formats, true,
                events)) {
            SoakClient client = client(server.port());
            long start = System.nanoTime();
            connect(client, options, report);
            report.elapsed(Duration.ofNanos(System.nanoTime() - start));
            long made = report.made();
            report.closed(events.awaitClosed(made, SoakClient.PATIENCE));
            Played last = playQuietly(client, SoakCase.GOOD_V2);
            report.lastClient(last, events.awaitClosed(made + 1, SoakClient.PATIENCE));
            report.server(events, server.refusedConnections(), server.refusedHandshakes());
        }
        report.leftoverThreads(awaitNewThreadsEnd(threadsBefore));
        return report.build(Resources.measure());
    }

    /** One connection of each kind on a server of its own, so that what a first use loads is not counted. */
    private void warmUp(ServerLimits limits) throws InterruptedException {
        SoakEvents events = new SoakEvents(List.of());
        try (ServerApp server = ServerApp.start("127.0.0.1", 0, limits, serverConfig, formats, true, events)) {
            SoakClient client = client(server.port());
            for (SoakCase c : SoakCase.values()) {
                playQuietly(client, c);
            }
            events.awaitClosed(SoakCase.values().length, SoakClient.PATIENCE);
        }
    }

    /** Makes the connections from the client threads and tallies what each client saw. */
    private void connect(SoakClient client, Options options, SoakReport.Builder report) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(options.threads(),
                task -> new Thread(task, "minitls-soak-client-" + threadNumber.incrementAndGet()));
        for (int t = 0; t < options.threads(); t++) {
            threads.execute(() -> {
                for (int n = next.getAndIncrement(); n < options.connections() && !Thread.interrupted();
                        n = next.getAndIncrement()) {
                    SoakCase c = SoakCase.forConnection(n);
                    report.played(c, playQuietly(client, c));
                }
            });
        }
        threads.shutdown();
        if (!threads.awaitTermination(options.timeLimit().toMillis(), TimeUnit.MILLISECONDS)) {
            threads.shutdownNow();
            report.problem("the connections took longer than the time limit of " + options.timeLimit().toSeconds()
                    + " s; " + next.get() + " of " + options.connections() + " started");
            threads.awaitTermination(SoakClient.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What one client saw: how many messages the server must have received, or what went wrong. */
    record Played(int messages, String failure) {
    }

    private static Played playQuietly(SoakClient client, SoakCase c) {
        try {
            return new Played(client.play(c), null);
        } catch (Exception e) {
            return new Played(0, e.toString());
        }
    }

    private SoakClient client(int port) {
        return new SoakClient(port, SERVER_NAME, crypto, endpoints.random(), formats, clientConfigs::get);
    }

    /** Waits for every thread started since {@code before} to end; returns the names of those that did not. */
    private static List<String> awaitNewThreadsEnd(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + THREADS_END_WITHIN.toNanos();
        List<String> leftover = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread)) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    leftover.add(thread.getName());
                }
            }
        }
        return leftover;
    }
}
