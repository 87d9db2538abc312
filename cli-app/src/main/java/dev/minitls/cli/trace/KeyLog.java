package dev.minitls.cli.trace;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.domain.trace.HandshakeObserver;
import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import dev.minitls.domain.trace.TraceEvent;
import dev.minitls.domain.trace.TraceValue;
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

/**
 * {@code --keylog FILE}: appends each session's secrets to a file, one line each, in the spirit of the
 * {@code SSLKEYLOGFILE} format (NSS key log): {@code LABEL <client random, hex> <secret, hex>}. Protocol v2 uses
 * the NSS labels of TLS 1.3; protocol v1, which has no such names, one line with its {@code derived_key}, from
 * which every v1 key follows. A new file is created readable by its owner only (mode 600).
 *
 * <p>Only one side's secrets are written (a demo runs both sides, which know the same secrets). The client random
 * of each connection comes from its ClientHello step and is forgotten when its handshake ends, completed or failed;
 * a server's connections are told apart by their peer.
 */
public final class KeyLog implements HandshakeObserver, AutoCloseable {

    /** The trace value each label is written from. */
    public static final Map<String, String> LABELS = Map.of(
            "client_handshake_traffic_secret", "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "server_handshake_traffic_secret", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
            "client_application_traffic_secret_0", "CLIENT_TRAFFIC_SECRET_0",
            "server_application_traffic_secret_0", "SERVER_TRAFFIC_SECRET_0",
            "derived_key", "MINITLS_V1_DERIVED_KEY");

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
    public synchronized void onEvent(TraceEvent event) {
        if (event.side() != side) {
            return;
        }
        for (TraceValue value : event.values()) {
            if (event.step() == Step.CLIENT_HELLO && value.name().equals("random")) {
                clientRandoms.put(event.peer(), value.asString());
            }
            String label = LABELS.get(value.name());
            String clientRandom = clientRandoms.get(event.peer());
            if (label != null && value.secret() && clientRandom != null) {
                write(label + " " + clientRandom + " " + value.asString());
            }
        }
        if (event.step() == Step.APPLICATION_DATA || event.description().startsWith(TraceEvent.HANDSHAKE_FAILED)) {
            // The handshake is over: the application secrets are the last ones it derives, or it failed.
            clientRandoms.remove(event.peer());
        }
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
