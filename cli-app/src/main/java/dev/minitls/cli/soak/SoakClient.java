package dev.minitls.cli.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.minitls.cli.runtime.ClientApp;
import dev.minitls.domain.error.Alert;
import dev.minitls.domain.error.ProtocolException;
import dev.minitls.domain.handshake.ClientConfig;
import dev.minitls.domain.handshake.ClientHandshake;
import dev.minitls.domain.handshake.ProtocolVersion;
import dev.minitls.domain.handshake.SecureChannel;
import dev.minitls.domain.message.AlertMessage;
import dev.minitls.domain.message.ApplicationRecord;
import dev.minitls.domain.message.ClientHello;
import dev.minitls.domain.message.MessageType;
import dev.minitls.domain.port.CryptoProvider;
import dev.minitls.domain.port.MessageCodec;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.WireFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plays one {@link SoakCase} against the server and checks what this side sees: a good client's messages echoed,
 * the alert a hostile one is told (v2), or the connection simply closed. Anything else is an
 * {@link IllegalStateException} saying what was seen instead.
 */
final class SoakClient {

    /** The longest any read or connect of a soak client waits. */
    static final Duration PATIENCE = ClientApp.TIMEOUT;

    private static final String V2_SUITE = "X25519_AES256GCM_SHA256";
    private static final int MAX_ANSWER = 64 * 1024;
    private static final Duration SLOWLORIS_PACE = Duration.ofMillis(100);

    private final int port;
    private final String serverName;
    private final CryptoProvider crypto;
    private final RandomSource random;
    private final WireFormats formats;
    private final Function<ProtocolVersion, ClientConfig> configs;

    SoakClient(int port, String serverName, CryptoProvider crypto, RandomSource random, WireFormats formats,
            Function<ProtocolVersion, ClientConfig> configs) {
        this.port = port;
        this.serverName = serverName;
        this.crypto = crypto;
        this.random = random;
        this.formats = formats;
        this.configs = configs;
    }

    /** Plays {@code c} once; returns how many messages the server must have received from it. */
    int play(SoakCase c) throws IOException {
        return switch (c) {
            case GOOD_V2 -> good(ProtocolVersion.V2);
            case GOOD_V1 -> good(ProtocolVersion.V1);
            case RANDOM_BYTES -> refusedInSilence(randomLine());
            case NOT_JSON -> refusedInSilence("hello, server\n".getBytes(UTF_8));
            case NOT_UTF8 -> refusedInSilence(new byte[] {'"', (byte) 0xff, (byte) 0xfe, '"', '\n'});
            case EMPTY_LINE -> refusedInSilence(new byte[] {'\n'});
            case WRONG_SHAPE -> refusedInSilence("[\"ClientHello\", 2]\n".getBytes(UTF_8));
            case MISSING_MEMBER -> refusedInSilence(helloText(2, key()).replace(", \"suite\": \"" + V2_SUITE + "\"", "")
                    .getBytes(UTF_8));
            case BAD_HEX -> refusedInSilence(helloWithUpperCaseKeyShare());
            case LINE_OVER_LIMIT -> refusedInSilence(overlongLine());
            case SECOND_CLIENT_HELLO -> toldWhenReading(Alert.UNEXPECTED_MESSAGE, 0,
                    (index, frame) -> index == 1 ? List.of(hello(2, key())) : List.of(frame));
            case WRONG_VERSION -> toldInClear(hello(3, key()), Alert.PROTOCOL_VERSION);
            case LOW_ORDER_KEY -> toldInClear(hello(2, new byte[32]), Alert.ILLEGAL_PARAMETER);
            case TAMPERED_FINISHED -> toldWhenReading(Alert.BAD_RECORD_MAC, 0,
                    (index, frame) -> List.of(index == 1 ? flipCiphertextBit(formats.v2(), frame) : frame));
            case REPLAYED_RECORD -> toldWhenReading(Alert.BAD_RECORD_MAC, 1,
                    (index, frame) -> index == 2 ? List.of(frame, frame) : List.of(frame));
            case V1_TAMPERED_RECORD -> v1TamperedRecord();
            case HANG_UP -> hangUpAfter(new byte[0]);
            case CUT_CLIENT_HELLO -> hangUpAfter(Arrays.copyOf(hello(2, key()), 40));
            case CUT_RECORD -> toldWhenReading(Alert.DECODE_ERROR, 0, (index, frame) -> index == 2
                    ? List.of(Arrays.copyOf(frame, frame.length / 2), TamperingChannel.HANG_UP) : List.of(frame));
            case NO_CLOSE_NOTIFY -> noCloseNotify();
            case SILENT -> refusedInSilence(new byte[0]);
            case SLOWLORIS -> slowloris();
        };
    }

    private int good(ProtocolVersion protocol) {
        List<String> messages = List.of("soak message one", "soak message two");
        List<String> echoes = new ArrayList<>();
        ClientApp.converse(ClientApp.connect("127.0.0.1", port, configs.apply(protocol), formats),
                messages.iterator(), echoes::add);
        expect(echoes.equals(protocol == ProtocolVersion.V2 ? messages : List.of()), "echoes " + echoes);
        return messages.size();
    }

    /** Sends {@code bytes} and expects the server to close without a word. */
    private int refusedInSilence(byte[] bytes) throws IOException {
        try (Socket socket = rawConnect()) {
            writeIgnoringReset(socket, bytes);
            expect(readToEnd(socket).length == 0, "an answer");
        }
        return 0;
    }

    /** Sends {@code hello} and expects the server to answer with {@code alert} in clear, then close. */
    private int toldInClear(byte[] hello, Alert alert) throws IOException {
        try (Socket socket = rawConnect()) {
            socket.getOutputStream().write(hello);
            byte[] answer = readToEnd(socket);
            expect(Arrays.equals(answer, formats.v2().encode(new AlertMessage(alert))), new String(answer, UTF_8));
        }
        return 0;
    }

    /**
     * A v2 client whose frames are changed by {@code tamper}; it sends one message, then reads: after
     * {@code echoes} echoes the server must tell it {@code alert}.
     */
    private int toldWhenReading(Alert alert, int echoes, TamperingChannel.Tamper tamper) {
        try (SecureChannel channel = connect(ProtocolVersion.V2, tamper)) {
            channel.send("soak message".getBytes(UTF_8));
            for (int i = 0; i < echoes; i++) {
                expect(channel.receive().isPresent(), "no echo");
            }
            try {
                Optional<byte[]> more = channel.receive();
                throw new IllegalStateException("expected the alert " + alert.rfcName() + ", got "
                        + more.map(bytes -> "a message").orElse("close_notify"));
            } catch (ProtocolException e) {
                expect(e.peerAlert().equals(Optional.of(alert)), e.getMessage());
            }
        }
        return echoes;
    }

    private int v1TamperedRecord() {
        try (SecureChannel channel = connect(ProtocolVersion.V1,
                (index, frame) -> List.of(index == 2 ? flipCiphertextBit(formats.v1(), frame) : frame))) {
            channel.send("soak message".getBytes(UTF_8));
            expect(channel.receive().isEmpty(), "data from a v1 server");
        }
        return 0;
    }

    private int hangUpAfter(byte[] bytes) throws IOException {
        try (Socket socket = rawConnect()) {
            socket.getOutputStream().write(bytes);
        }
        return 0;
    }

    private int noCloseNotify() {
        TamperingChannel connection = TamperingChannel.connect(port, PATIENCE, TamperingChannel.Tamper.NONE);
        SecureChannel channel = ClientHandshake.connect(connection, formats, configs.apply(ProtocolVersion.V2));
        channel.send("soak message".getBytes(UTF_8));
        expect(channel.receive().isPresent(), "no echo");
        connection.close();
        return 1;
    }

    private int slowloris() throws IOException {
        byte[] hello = hello(2, key());
        try (Socket socket = rawConnect()) {
            socket.setSoTimeout((int) SLOWLORIS_PACE.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (byte b : hello) {
                try {
                    out.write(b);
                    out.flush();
                    int answer = in.read();
                    expect(answer < 0, "an answer to a partial ClientHello");
                    return 0;
                } catch (SocketTimeoutException stillOpen) {
                    // the pace between two bytes
                } catch (IOException closedByServer) {
                    return 0;
                }
            }
        }
        throw new IllegalStateException("the server waited for the whole ClientHello, one byte at a time");
    }

    private SecureChannel connect(ProtocolVersion protocol, TamperingChannel.Tamper tamper) {
        return ClientHandshake.connect(TamperingChannel.connect(port, PATIENCE, tamper), formats,
                configs.apply(protocol));
    }

    /** A ClientHello of {@code version} with {@code keyShare}, written as v2 writes it. */
    private byte[] hello(int version, byte[] keyShare) {
        return formats.v2().encode(new ClientHello(random.nextBytes(32), version, keyShare, V2_SUITE, serverName));
    }

    private String helloText(int version, byte[] keyShare) {
        return new String(hello(version, keyShare), UTF_8);
    }

    private byte[] helloWithUpperCaseKeyShare() {
        byte[] keyShare = key();
        String hex = HexFormat.of().formatHex(keyShare);
        return helloText(2, keyShare).replace(hex, hex.toUpperCase(Locale.ROOT)).getBytes(UTF_8);
    }

    private byte[] key() {
        return crypto.x25519PublicKey(random.nextBytes(32));
    }

    private byte[] randomLine() {
        byte[] line = random.nextBytes(64);
        for (int i = 0; i < line.length; i++) {
            line[i] = line[i] == '\n' ? 0 : line[i];
        }
        // A first byte 0x16 would start a TLS record, which the server hands to TLS 1.3: not this case.
        line[0] = line[0] == 0x16 ? 0 : line[0];
        line[line.length - 1] = '\n';
        return line;
    }

    /** A line that starts as JSON does, so that the server reads it as a frame, and goes on past the limit. */
    private static byte[] overlongLine() {
        byte[] line = new byte[70_000];
        Arrays.fill(line, (byte) 'a');
        line[0] = '{';
        line[line.length - 1] = '\n';
        return line;
    }

    private static byte[] flipCiphertextBit(MessageCodec codec, byte[] frame) {
        ApplicationRecord record = (ApplicationRecord) codec.decode(frame, MessageType.APPLICATION_RECORD);
        byte[] ciphertext = record.ciphertext();
        ciphertext[0] ^= 1;
        return codec.encode(new ApplicationRecord(record.sequence(), ciphertext));
    }

    private Socket rawConnect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) PATIENCE.toMillis());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    /** Writes; a server that already closed the connection (as for a line over the limit) is no failure here. */
    private static void writeIgnoringReset(Socket socket, byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
        } catch (IOException closedByServer) {
            // the server's verdict is checked from its report
        }
    }

    /** Everything the server sends until it closes, at most 64 KiB. */
    private static byte[] readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0 && answer.size() < MAX_ANSWER; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("the server neither answered nor closed within " + PATIENCE.toSeconds()
                    + " s");
        } catch (IOException reset) {
            // a reset after the server closed: what it sent before is what counts
        }
        return answer.toByteArray();
    }

    private static void expect(boolean condition, String seenInstead) {
        if (!condition) {
            throw new IllegalStateException("saw " + seenInstead);
        }
    }
}
