package dev.minitls.cli.trace;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.domain.Bytes;
import dev.minitls.domain.keys.SecretLabel;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.trace.Event;
import dev.minitls.domain.trace.Event.SecretsDerived.Phase;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.TraceEvent;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --keylog FILE}: appends each session's secrets to a file, one line each, in the spirit of the
 * {@code SSLKEYLOGFILE} format (NSS key log): {@code LABEL <client random, hex> <secret, hex>}. tls13 writes the
 * NSS labels Wireshark and OpenSSL use (the two handshake traffic secrets, the two first application traffic
 * secrets, {@code EXPORTER_SECRET}), so a capture of a tls13 session opens decrypted; protocol v2 the same labels but
 * {@code EXPORTER_SECRET}, which it does not derive; protocol v1, which has no such names, one line with its
 * {@code derived_key}, from which every v1 key follows. A new file is created readable by its owner only (mode 600).
 *
 * <p>Only one side's secrets are written (a demo runs both sides, which know the same secrets). The client random
 * of each connection comes from its ClientHello and is forgotten when its handshake ends, completed or failed;
 * a server's connections are told apart by their peer.
 */
public final class KeyLog implements HandshakeObserver, AutoCloseable {

    /** The key log label of each secret that is written. */
    public static final Map<SecretLabel, String> LABELS = Map.of(
            SecretLabel.EXPORTER_MASTER_SECRET, "EXPORTER_SECRET",
            SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET, "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, "SERVER_HANDSHAKE_TRAFFIC_SECRET",
            SecretLabel.CLIENT_APPLICATION_TRAFFIC_SECRET_0, "CLIENT_TRAFFIC_SECRET_0",
            SecretLabel.SERVER_APPLICATION_TRAFFIC_SECRET_0, "SERVER_TRAFFIC_SECRET_0",
            SecretLabel.DERIVED_KEY, "MINITLS_V1_DERIVED_KEY");

    /** More handshakes in progress at once than a server serves; beyond this the oldest is forgotten. */
    private static final int MAX_OPEN_HANDSHAKES = 1024;

    private final Path file;
    private final Writer writer;
    private final Side side;
    private final Map<String, String> clientRandoms = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_OPEN_HANDSHAKES;
        }
    };

    private KeyLog(Path file, Writer writer, Side side) {
        this.file = file;
        this.writer = writer;
        this.side = side;
    }

    /**
     * Opens {@code file} for appending, creating it with mode 600 when it does not exist.
     *
     * @param side whose secrets to write
     * @throws UserError when the file cannot be created or opened, saying why
     */
    public static KeyLog open(Path file, Side side) {
        try {
            try {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // Appended to, as SSLKEYLOGFILE is.
            } catch (UnsupportedOperationException e) {
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
            }
            return new KeyLog(file, Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.APPEND),
                    side);
        } catch (NoSuchFileException e) {
            throw new UserError("cannot open the key log " + file + ": no such directory", e);
        } catch (IOException e) {
            throw UserError.io("cannot open the key log " + file, e);
        }
    }

    @Override
    public synchronized void onEvent(TraceEvent traced) {
        if (traced.side() != side) {
            return;
        }
        Event event = traced.event();
        String peer = traced.peer();
        clientRandom(event).ifPresent(random -> clientRandoms.put(peer, Bytes.hex(random)));
        if (event instanceof Event.SecretsDerived derived) {
            String clientRandom = clientRandoms.get(peer);
            derived.secrets().forEach((label, secret) -> {
                if (LABELS.containsKey(label) && clientRandom != null) {
                    write(LABELS.get(label) + " " + clientRandom + " " + Bytes.hex(secret.bytes()));
                }
            });
        }
        if (event instanceof Event.SecretsDerived derived && derived.phase() == Phase.APPLICATION
                || event instanceof Event.HandshakeFailed) {
            // The handshake is over: the application secrets are the last ones it derives, or it failed.
            clientRandoms.remove(peer);
        }
    }

    /** The random of the ClientHello an event carries (v1, v2, tls13): the one sent, or the one received. */
    private static Optional<byte[]> clientRandom(Event event) {
        Object message = event instanceof Event.HelloSent sent ? sent.hello()
                : event instanceof Event.HelloReceived received ? received.hello()
                : event instanceof Event.Tls13MessageSent sent ? sent.message()
                : event instanceof Event.Tls13MessageReceived received ? received.message() : null;
        if (message instanceof ClientHello hello) {
            return Optional.of(hello.random());
        }
        return message instanceof dev.minitls.domain.tls13.ClientHello hello ? Optional.of(hello.random())
                : Optional.empty();
    }

    private void write(String line) {
        try {
            writer.write(line);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw UserError.io("cannot write the key log " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw UserError.io("cannot close the key log " + file, e);
        }
    }
}
