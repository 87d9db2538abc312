package dev.minitls.cli.trace;

import static dev.minitls.cli.trace.TraceValue.open;
import static dev.minitls.cli.trace.TraceValue.secret;
import static dev.minitls.cli.trace.TraceValue.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.domain.trace.Side;
import dev.minitls.domain.trace.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text trace: a block per step and side, every value in full or shortened in the middle, secrets marked. */
class TracePrinterTest {

    private static final String PEER = "127.0.0.1:9914";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void eventsOfOneStepAndSideShareABlockAndANewStepOrSideStartsOne() {
        TracePrinter printer = new TracePrinter(out, Colour.OFF);

        printer.print(event(Side.CLIENT, Step.CLIENT_HELLO, "sent ClientHello", open("random", bytes(32, 1))));
        printer.print(event(Side.CLIENT, Step.CLIENT_HELLO, "still step 5"));
        printer.print(event(Side.SERVER, Step.CLIENT_HELLO, "received ClientHello"));
        printer.print(event(Side.SERVER, Step.TRANSCRIPT, "the ClientHello enters the transcript",
                text("message", "ClientHello")));

        assertThat(lines()).containsExactly(
                "── 5 ClientHello ─────────────────────────────────────────── client, peer " + PEER,
                "   sent ClientHello",
                "     random  " + "01".repeat(32),
                "   still step 5",
                "",
                "── 5 ClientHello ─────────────────────────────────────────── server, peer " + PEER,
                "   received ClientHello",
                "",
                "── 6 transcript hash ─────────────────────────────────────── server, peer " + PEER,
                "   the ClientHello enters the transcript",
                "     message  ClientHello");
    }

    @Test
    void secretsAreShownInFullAndMarkedAndNamesAreAligned() {
        new TracePrinter(out, Colour.OFF).print(event(Side.CLIENT, Step.HANDSHAKE_KEY, "keys",
                secret("client_handshake_iv", bytes(12, 0xab)), open("transcript", bytes(2, 0x0c))));

        assertThat(lines()).endsWith(
                "     client_handshake_iv [secret]  " + "ab".repeat(12),
                "     transcript                    0c0c");
    }

    @Test
    void longValuesGo32BytesALineAndAreShortenedInTheMiddle() {
        byte[] four = new byte[128];
        byte[] five = new byte[129];
        five[128] = (byte) 0xff;
        new TracePrinter(out, Colour.OFF).print(event(Side.SERVER, Step.CERTIFICATE, "sent",
                open("four lines", four), open("five lines", five)));

        assertThat(lines()).endsWith(
                "     four lines  " + "00".repeat(32),
                "                 " + "00".repeat(32),
                "                 " + "00".repeat(32),
                "                 " + "00".repeat(32),
                "     five lines  " + "00".repeat(32),
                "                 " + "00".repeat(32),
                "                 … 2 more lines (129 bytes in all; --trace=json shows every byte)",
                "                 ff");
    }

    @Test
    void textGoesLineByLineAndBytesThatAreTextAreAlsoShownAsText() {
        new TracePrinter(out, Colour.OFF).print(event(Side.CLIENT, Step.APPLICATION_DATA, "sent",
                text("certificate (PEM)", "-----BEGIN X-----\nAAAA\n-----END X-----\n"),
                open("record plaintext", "Hello\n\u0017".getBytes(StandardCharsets.US_ASCII)),
                secret("record nonce", "not shown as text".getBytes(StandardCharsets.US_ASCII)),
                open("nothing", new byte[0])));

        assertThat(lines()).endsWith(
                "     certificate (PEM)      -----BEGIN X-----",
                "                            AAAA",
                "                            -----END X-----",
                "     record plaintext       48656c6c6f0a17",
                "                            as text: \"Hello\\n\" + byte 17",
                "     record nonce [secret]  " + HexFormat.of().formatHex(
                        "not shown as text".getBytes(StandardCharsets.US_ASCII)),
                "     nothing  (empty)");
    }

    @Test
    void bytesThatAreNotTextAreNotShownAsText() {
        assertThat(TracePrinter.readable(new byte[] {'a', 'b', 'c'})).as("too short").isEmpty();
        assertThat(TracePrinter.readable(new byte[] {'a', 'b', 0, 'c', 'd'})).isEmpty();
        assertThat(TracePrinter.readable("x".repeat(100).getBytes(StandardCharsets.US_ASCII)))
                .hasValue("\"" + "x".repeat(64) + "…\"");
    }

    @Test
    void whatAPeerSentCannotMoveTheTerminalCursor() {
        new TracePrinter(out, Colour.OFF).print(event(Side.SERVER, Step.CLIENT_HELLO,
                "received ClientHello for evil\u001b[2J", text("subject", "CN=\u001b[1Aevil")));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b")
                .contains("for evil\\u001b[2J", "CN=\\u001b[1Aevil");
    }

    @Test
    void colourIsOnlyThereWhenAskedFor() {
        Narration event = event(Side.CLIENT, Step.SHARED_SECRET, "X25519", secret("shared secret", bytes(32, 7)));
        new TracePrinter(out, Colour.OFF).print(event);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b");

        bytes.reset();
        new TracePrinter(out, Colour.ON).print(event);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("\u001b[1m── 8 X25519 shared secret", "\u001b[36mclient, peer " + PEER + "\u001b[0m",
                        "\u001b[31m" + "07".repeat(32) + "\u001b[0m");
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Narration event(Side side, Step step, String description, TraceValue... values) {
        return new Narration(side, PEER, step, description, List.of(values));
    }

    private static byte[] bytes(int length, int fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
