package dev.minitls.cli.bench;

import dev.minitls.cli.bench.Target.Session;
import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.wiring.CryptoChoice;
import dev.minitls.cli.wiring.Wiring;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.pem.Pem;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.domain.tls13.NamedGroup;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The client side of {@code bench --mode sessions} in tls13: a JVM of its own, started by the bench
 * ({@link ServerSessions}), which holds the sessions with minitls's tls13 client ({@link ConnectTarget}, provider
 * {@code fast}) so that the bench's JVM holds the server's side alone, whichever server it is. The two talk in plain
 * lines, each side waiting a bounded time for the other:
 * <ol>
 *   <li>the bench says {@value #OPEN}: the client opens the sessions, {@code concurrency} handshakes at a time, and
 *       says {@code established N} ({@value #ESTABLISHED});</li>
 *   <li>the bench measures its memory while they are idle, then says {@value #ECHO}: the client sends one record on
 *       each session, reads its echo, closes them all, and says {@code echoed N} ({@value #ECHOED}) and exits 0.</li>
 * </ol>
 * Any failure, or the end of its standard input (the bench is gone), ends it with one line on standard error and
 * exit status 1; its sessions are closed either way.
 */
public final class SessionsClient {

    static final String OPEN = "open";
    static final String ESTABLISHED = "established";
    static final String ECHO = "echo";
    static final String ECHOED = "echoed";
    /** The longest line either side says: a word and a number. */
    static final int MAX_LINE_BYTES = 64;
    /** How long the client waits for the bench's word: longer than the bench ever takes to sample its memory. */
    private static final Duration BENCH_PATIENCE = Duration.ofMinutes(5);

    private SessionsClient() {
    }

    /**
     * The arguments of {@link #main}: where the server listens on loopback, the root its chain leads to, the
     * algorithms, and how many sessions to open, how, and with what record.
     */
    static List<String> arguments(int port, byte[] rootCertificatePem, Algorithms algorithms, BenchSettings settings) {
        return List.of(Integer.toString(port),
                Base64.getEncoder().encodeToString(Pem.decode(Pem.CERTIFICATE, rootCertificatePem)),
                Integer.toString(algorithms.suite().code()), Integer.toString(algorithms.group().code()),
                algorithms.keyType().name(), Integer.toString(settings.connections()),
                Integer.toString(settings.concurrency()), Integer.toString(settings.size()),
                Long.toString(settings.seconds().map(Duration::toMillis).orElse(0L)));
    }

    public static void main(String[] args) {
        int status;
        try {
            run(args, System.in, System.out);
            status = 0;
        } catch (RuntimeException e) {
            System.err.println("minitls sessions client: " + PeerText.escape(String.valueOf(e.getMessage())));
            status = 1;
        }
        System.exit(status);
    }

    private static void run(String[] args, InputStream in, PrintStream out) {
        if (args.length != 9) {
            throw new IllegalArgumentException("expected 9 arguments, got " + args.length);
        }
        Endpoints endpoints = Wiring.endpoints(CryptoChoice.byDefault());
        Algorithms algorithms = new Algorithms(new CipherSuite(Integer.parseInt(args[2])),
                new NamedGroup(Integer.parseInt(args[3])), KeyType.valueOf(args[4]));
        BenchSettings settings = new BenchSettings(Mode.sessions, Integer.parseInt(args[5]),
                Integer.parseInt(args[6]), Integer.parseInt(args[7]),
                Optional.of(Duration.ofMillis(Long.parseLong(args[8]))).filter(time -> !time.isZero()),
                Duration.ZERO);
        Target target = new ConnectTarget(endpoints, "127.0.0.1", Integer.parseInt(args[0]),
                List.of(endpoints.crypto().parseCertificate(Base64.getDecoder().decode(args[1]))),
                BenchPki.SERVER_NAME, algorithms, Target.Behaviour.ECHO);
        TimedLines bench = new TimedLines(in, MAX_LINE_BYTES, "the bench");
        Queue<Session> open = new ConcurrentLinkedQueue<>();
        try {
            await(bench, OPEN);
            int established = Workloads.inParallel(settings.concurrency(), settings.connections(),
                    Workloads.until(settings.seconds()), () -> open.add(target.connect()) ? 1 : 0).length;
            say(out, ESTABLISHED + " " + established);
            await(bench, ECHO);
            byte[] record = new byte[settings.size()];
            for (Session session : open) {
                session.send(record);
                session.receiveEcho(record.length);
            }
        } finally {
            open.forEach(Session::close);
        }
        say(out, ECHOED + " " + open.size());
    }

    private static void await(TimedLines bench, String word) {
        Optional<String> line = bench.next(BENCH_PATIENCE);
        if (!line.equals(Optional.of(word))) {
            throw new IllegalStateException("expected " + PeerText.quote(word) + " from the bench, got "
                    + line.map(PeerText::quote).orElse("the end of its input"));
        }
    }

    private static void say(PrintStream out, String line) {
        out.println(line);
        out.flush();
        if (out.checkError()) {
            throw new IllegalStateException("cannot tell the bench " + PeerText.quote(line));
        }
    }
}
