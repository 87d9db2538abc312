package dev.minitls.cli.command;

import dev.minitls.cli.runtime.ClientApp;
import dev.minitls.cli.runtime.Endpoints;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.runtime.ServerApp;
import dev.minitls.cli.runtime.ServerApp.ServerEvents;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.cli.trace.SetupSteps;
import dev.minitls.cli.trace.StepPrinter;
import dev.minitls.cli.trace.Tracing;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureSession;
import dev.minitls.domain.handshake.Tls13Settings;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code minitls demo}: the whole seed system in one command. Certificates in a temporary folder, a server on a
 * free port, a client that sends a few messages; each step printed as it happens, in one line, or with
 * {@code --trace} in full.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole system once: certificates, a server, a client, a handshake, encrypted messages;"
                + " each of the seed's 15 steps is printed as it happens (values shortened).",
        footer = {"", "Examples:", "  minitls demo --provider jca",
                "  minitls demo --trace                 (every step in full: keys, hashes, records, secrets included)",
                "  minitls demo --trace --protocol v1   (the same for the seed's original protocol)",
                "  minitls demo --protocol tls13        (real TLS 1.3, as RFC 8446 puts it on the wire)",
                "  minitls demo --protocol tls13 --key-type ecdsa-p256 --intermediate --groups secp256r1",
                "  minitls demo --trace=json            (one JSON object per event, for tools)"})
public final class DemoCommand implements Callable<Integer> {

    static final List<String> MESSAGES = List.of("Hello from the client", "This is the Client",
            "Every record has its own nonce");

    private static final String SERVER_NAME = "example-server";

    @Mixin
    private CommonOptions common;

    @Option(names = "--protocol", defaultValue = "v2", paramLabel = "v1|v2|tls13", converter = ProtocolOption.class,
            description = "v2 (default: the hardened protocol, the server echoes each message), v1 (the seed's) or"
                    + " tls13 (TLS 1.3 on the wire, echoed too).")
    private ProtocolVersion protocol;

    @Mixin
    private TraceOptions tracing;

    @Mixin
    private KeyTypeOption keyType;

    @Option(names = "--intermediate", description = "tls13 only: an intermediate CA between the root and the server,"
            + " whose certificate the server sends after its own.")
    private boolean intermediate;

    @Mixin
    private Tls13Options tls13;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        KeyType type = keyType.type();
        boolean v1OrV2 = protocol != ProtocolVersion.TLS13;
        if (v1OrV2 && (type != KeyType.ED25519 || intermediate)) {
            throw new ParameterException(spec.commandLine(), (intermediate ? "--intermediate" : "--key-type " + type)
                    + " needs --protocol tls13: protocol " + protocol + " signs with Ed25519 and sends one"
                    + " certificate");
        }
        Tls13Settings settings = tls13.settings(spec.commandLine(), !v1OrV2, Tls13Options.fixedIn(protocol));
        Endpoints endpoints = common.endpoints();
        try (Tracing trace = tracing.start(Side.CLIENT, new StepPrinter(System.out))) {
            PrintStream out = trace.messages();
            out.println("minitls demo, protocol " + protocol + ", crypto provider " + endpoints.crypto().name()
                    + (v1OrV2 ? "" : ", " + type + " keys" + (intermediate ? " under an intermediate CA" : "")));
            Path dir = Files.createTempDirectory("minitls-demo-");
            try {
                return run(out, trace.observer(), endpoints, new PkiFiles(dir), type, settings);
            } finally {
                deleteTree(dir);
            }
        }
    }

    private int run(PrintStream out, HandshakeObserver steps, Endpoints endpoints, PkiFiles files, KeyType type,
            Tls13Settings settings) throws InterruptedException {
        PkiWriter.write(files, PkiIssuer.issue(SERVER_NAME, 1, Clock.systemUTC(), type, intermediate), false);
        Certificate root = endpoints.certificate(files.rootCertificate());
        Certificate server = endpoints.serverCertificate(files.serverCertificate());
        steps.onEvent(SetupSteps.certificatesIssued(files.dir(), root, server));
        steps.onEvent(SetupSteps.serverCertificate(server));
        steps.onEvent(SetupSteps.trustedRoot(root));

        CountDownLatch serverDone = new CountDownLatch(1);
        AtomicInteger decrypted = new AtomicInteger();
        AtomicReference<String> serverFailure = new AtomicReference<>();
        ServerEvents events = new ServerEvents() {
            @Override
            public void received(String peer, String message) {
                decrypted.incrementAndGet();
                out.println("15 server decrypted from " + peer + ": " + message);
            }

            @Override
            public void failed(String peer, String reason) {
                serverFailure.set(reason);
            }

            @Override
            public void closed(String peer) {
                serverDone.countDown();
            }
        };
        boolean echo = protocol != ProtocolVersion.V1;
        AtomicInteger echoed = new AtomicInteger();
        try (ServerApp serverApp = ServerApp.start("127.0.0.1", 0,
                endpoints.serverConfig(files, EnumSet.allOf(ProtocolVersion.class), steps).withTls13(settings),
                endpoints.formats(), echo, events)) {
            steps.onEvent(SetupSteps.listening("127.0.0.1", serverApp.port()));
            steps.onEvent(SetupSteps.connecting("127.0.0.1", serverApp.port()));
            SecureSession channel = ClientApp.connect("127.0.0.1", serverApp.port(),
                    endpoints.clientConfig(files, SERVER_NAME, protocol, steps).withTls13(settings),
                    endpoints.formats());
            ClientApp.converse(channel, MESSAGES.iterator(), message -> {
                echoed.incrementAndGet();
                out.println("15 client decrypted the echo: " + message);
            });
            if (!serverDone.await(ClientApp.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new UserError("the server did not finish the session");
            }
        }
        if (serverFailure.get() != null) {
            throw new UserError("the server failed: " + serverFailure.get());
        }
        if (decrypted.get() != MESSAGES.size() || echoed.get() != (echo ? MESSAGES.size() : 0)) {
            throw new UserError("the server decrypted " + decrypted.get() + " and the client " + echoed.get()
                    + " of " + MESSAGES.size() + " messages");
        }
        out.println("done: handshake complete, " + MESSAGES.size() + " messages decrypted by the server"
                + (echo ? " and echoed back to the client" : ""));
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
