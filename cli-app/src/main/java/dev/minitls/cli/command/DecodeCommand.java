package dev.minitls.cli.command;

import dev.minitls.cli.decode.Capture;
import dev.minitls.cli.decode.DissectionJson;
import dev.minitls.cli.decode.DissectionRows;
import dev.minitls.cli.decode.KeyLogKeys;
import dev.minitls.cli.decode.NssKeyLog;
import dev.minitls.cli.runtime.UserError;
import dev.minitls.domain.error.PeerText;
import dev.minitls.domain.handshake.Tls13Settings.Suite;
import dev.minitls.domain.tls13.CipherSuite;
import dev.minitls.transport.tls13.dissect.Direction;
import dev.minitls.transport.tls13.dissect.Dissection;
import dev.minitls.transport.tls13.dissect.Dissector;
import dev.minitls.transport.tls13.dissect.Field;
import dev.minitls.transport.tls13.dissect.Hellos;
import dev.minitls.transport.tls13.dissect.KeySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minitls decode}: captured TLS 1.3 bytes, field by field, decrypted with a key log. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Show captured TLS 1.3 bytes field by field: every record's header and every handshake message"
                + " with its fields named as in RFC 8446, their offsets, bytes and meaning. Each input is the whole"
                + " stream of one direction (client to server, or server to client), in hex (spaces, newlines and"
                + " colons skipped) or binary. With --keylog (an NSS key log, as SSLKEYLOGFILE, openssl -keylogfile"
                + " or minitls --keylog write it) the protected records are decrypted: give both directions, as the"
                + " client random is in the client's ClientHello and the cipher suite in the server's ServerHello.",
        footer = {"", "Examples:", "  minitls decode --hex 16030100c4010000c00303cb34...",
                "  minitls decode --keylog keys.log client.hex server.hex",
                "  xxd -p capture.bin | minitls decode",
                "", "Exit status 1 when an input cannot be read, or its bytes are not well-formed TLS 1.3 (the"
                        + " records up to the bad byte are shown, then where it is and why)."})
public final class DecodeCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--hex", paramLabel = "HEX", description = "A stream given on the command line, in hex.")
    private List<String> hexArguments = new ArrayList<>();

    @Option(names = "--binary", description = "Read the files as binary, even when they look like hex (without it:"
            + " hex when they hold only hex digits, whitespace and colons).")
    private boolean binary;

    @Option(names = "--json", description = "One line of JSON per input (its records, fields and error) instead of"
            + " the rows.")
    private boolean json;

    @Option(names = "--keylog", paramLabel = "FILE", description = "An NSS key log with the connection's traffic"
            + " secrets (CLIENT_/SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_/SERVER_TRAFFIC_SECRET_0).")
    private Path keyLog;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Captured streams, one direction each; '-' or"
            + " none: standard input.")
    private List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        List<Capture> captures = captures();
        List<Dissection> clear = captures.stream()
                .map(capture -> Dissector.dissect(capture.bytes(), Hellos.NONE, KeySource.NONE)).toList();
        Hellos hellos = clear.stream().map(Dissection::hellos).reduce(Hellos.NONE, Hellos::and);
        KeySource keys = keyLog == null ? KeySource.NONE : keys(hellos);
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println(DissectionRows.legend());
        }
        Optional<String> failure = Optional.empty();
        for (Capture capture : captures) {
            Dissection dissection = Dissector.dissect(capture.bytes(), hellos, keys);
            if (dissection.error().isPresent() && failure.isEmpty()) {
                failure = Optional.of(PeerText.escape(capture.name()) + ": " + dissection.error().get().message());
            }
            if (json) {
                out.println(DissectionJson.of(capture, dissection));
            } else {
                rows(out, capture, dissection);
            }
        }
        out.flush();
        if (failure.isPresent()) {
            throw new UserError(failure.get());
        }
        return 0;
    }

    private static void rows(PrintWriter out, Capture capture, Dissection dissection) {
        out.println();
        out.println("== " + PeerText.escape(capture.name()) + ": " + capture.format() + ", "
                + capture.bytes().length + " bytes, " + dissection.direction().map(DecodeCommand::sentBy)
                .orElse("no hello: sender unknown") + " ==");
        for (Field record : dissection.records()) {
            out.println();
            DissectionRows.of(record).forEach(out::println);
        }
    }

    private static String sentBy(Direction sender) {
        return sender == Direction.CLIENT ? "client to server" : "server to client";
    }

    private List<Capture> captures() {
        List<Capture> captures = new ArrayList<>();
        for (int i = 0; i < hexArguments.size(); i++) {
            captures.add(Capture.hex("--hex argument " + (i + 1), hexArguments.get(i)));
        }
        List<String> inputs = files.isEmpty() && hexArguments.isEmpty() ? List.of("-") : files;
        for (String input : inputs) {
            captures.add(input.equals("-") ? Capture.read("standard input", System.in, binary) : file(input));
        }
        return captures;
    }

    private Capture file(String name) {
        try (InputStream in = Files.newInputStream(Path.of(name))) {
            return Capture.read(name, in, binary);
        } catch (IOException e) {
            throw UserError.io("cannot read " + name, e);
        }
    }

    /** The keys from the key log, once the inputs showed what they need: the client random and the suite. */
    private KeySource keys(Hellos hellos) {
        NssKeyLog log;
        try {
            log = NssKeyLog.parse(keyLog.toString(), Files.readAllLines(keyLog));
        } catch (IOException e) {
            throw UserError.io("cannot read " + keyLog, e);
        }
        byte[] random = hellos.clientRandom().orElseThrow(() -> new UserError("--keylog: no ClientHello in the"
                + " input, so no client random to find the connection's secrets by; give the client's stream too"));
        if (!log.has(random)) {
            throw new UserError("--keylog: " + keyLog + " has no line for this connection's client random "
                    + HexFormat.of().formatHex(random));
        }
        CipherSuite suite = hellos.suite().orElseThrow(() -> new UserError("--keylog: no ServerHello in the input,"
                + " so no cipher suite to derive the record keys with; give the server's stream too"));
        if (Suite.of(suite).isEmpty()) {
            throw new UserError("--keylog: the ServerHello chose " + suite + ", a suite minitls cannot decrypt");
        }
        return new KeyLogKeys(log::secret, common.endpoints().crypto());
    }
}
